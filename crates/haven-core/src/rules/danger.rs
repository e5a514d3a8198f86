//! # danger
//!
//! ## What it flags
//! Threats of physical harm ("I'll hurt you"), of self-harm ("I'll kill myself
//! if you leave"), veiled threats ("you know what happens when I get angry"),
//! and coercive control: monitoring (location, messages, passwords),
//! isolating (forbidding friends or family), controlling money, documents or
//! movement. Hyperbole with a laugh ("I'll kill you if you spoil the
//! ending 😂") and describing how the partner's past behaviour felt are not
//! flagged; a heart or a smile beside a weapon or control does not make it
//! a joke ("just cleaning it 🙂"). Recall matters most here: when in doubt, haven surfaces it.
//!
//! Most patterns are evidence the model weighs (it learned to read "I'll
//! kill myself if I have to sit through another meeting" as hyperbole).
//! Some are decisive and the model cannot overrule them: a weapon the
//! speaker has or means to use, a method of self-harm at hand or taken,
//! standing at a height, the idioms of violence ("wipe that smirk off your
//! face", "sleep with one eye open"), and control by standing rule
//! (permission asked first, proof by photo or call on a schedule, contacts
//! cut off on the partner's phone, wages moved to the speaker).
//!
//! ## Why it matters
//! This is not a communication-style problem. It puts someone's safety at risk
//! and needs outside help now. haven always shows it first, with resources,
//! and never lets positive messages average it away.
//!
//! ## Example
//! > give me your phone password or else
//!
//! ## Say instead
//! If you feel you might hurt someone or yourself, stop and reach out for
//! help now (a crisis line, a doctor, emergency services). If you are on the
//! receiving end, you deserve to be safe: a domestic-abuse line can help you
//! think through options, confidentially.
//!
//! ## Crosswalk
//! Coercive control; intimate partner violence; suicide risk.

use super::prelude::*;

/// Weapons, for the decisive weapon pattern.
macro_rules! weapon {
    () => {
        r"(?:knife|knives|gun|guns|shotgun|rifle|pistol|machete|axe|hatchet|crowbar|baseball bat|the bat|a bat|my bat|razor blade)"
    };
}

pub const RULE: Rule = Rule {
    behaviour: Behaviour::Danger,
    patterns: &[
        // Physical harm.
        p(
            r"(?P<m>i (?:will|am going to|'ll|could|swear i will|should|want to|am gonna|will fucking|am about to) (?:\S+ )?(?:kill|hurt|hit|punch|slap|beat|strangle|choke|stab|shoot|smack|break your|smash your|end|murder|destroy|burn|bury|attack) (?:you|u|your|him|her|them)|(?:you will|you are going to|you'll) (?:get hurt|be hurt|pay for (?:this|it)|end up (?:hurt|dead|in hospital))|(?:i will|i'll) make (?:you|sure you) (?:pay|suffer|regret|bleed|disappear)|(?:watch|better watch) your back|you (?:will|'ll) see what happens|you know what happens when (?:i|you)|(?:do not|don't) make me (?:hurt|hit|do something|lose it|come over|come there)|something (?:bad )?(?:will|might|is going to|could) happen to (?:you|your|them|the kids)|(?:i know|i'll find out|i will find out) where you (?:live|are|work|sleep))",
            0.9,
            NOT_REPORTED | NOT_LAUGHING | NOT_NEGATED,
        ),
        // Self-harm and suicide.
        p(
            r"(?P<m>(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|end|ending) myself|(?:end|take) my (?:own )?life|end(?:ing)? it all|(?:i )?(?:want|wanna|going) to die|(?:i )?wish i (?:was|were) dead|suicid\w*|(?:no|not any) (?:reason|point) (?:to|in) (?:live|living|go on|going on|being here)|(?:better off|be better) (?:without me|dead|if i (?:was|were) gone|if i (?:was|were) not here)|(?:i will|i'll|i won't|i will not) (?:not |never )?be (?:here|around|alive) (?:tomorrow|anymore|much longer)|overdose|(?:swallow|take) (?:all )?(?:the|my|these|those) pills|jump off|(?:i )?(?:do not|don't) want to (?:be here|live|exist|wake up) (?:anymore|any more)?)",
            0.9,
            NOT_REPORTED | NOT_LAUGHING,
        ),
        // Monitoring.
        p(
            r"(?P<m>(?:give|send|tell|text) me your (?:phone |email |insta |instagram |facebook |snap |icloud |bank )?(?:password|passcode|pin|login|code)|(?:share|turn on|send me|give me|keep) (?:your )?(?:live )?location(?: on)?(?: \S+){0,3} (?:always|all the time|every|24/7|at all times|or else|now)|(?:i|i've|i have) (?:checked|read|went through|gone through|looked through|tracked|installed|put|hacked|logged into) (?:your |a )?(?:phone|messages|texts|emails|email|dms|location|app|tracker|gps|tracking|spyware|laptop|account|browser history)|(?:i am|i'm) (?:tracking|watching|monitoring|following) (?:you|your)|send me (?:a )?(?:photo|pic|picture|video|selfie) (?:of where|to prove|so i know|every|right now to prove)|i (?:need|want|have) to know where you are (?:at all times|every|24/7|always|every second))",
            0.85,
            NOT_REPORTED | NOT_LAUGHING,
        ),
        // Isolating and controlling movement.
        p(
            r"(?P<m>(?:you are|you're|ur) not allowed (?:to )?(?:see|go|talk|leave|have|wear|work|use|spend|call|visit|hang|out|text|drive|meet)|(?:i|i) (?:forbid|will not let|won't let|do not let|don't let) you (?:see|go|talk|leave|have|wear|work|use|spend|call|visit|hang|out|text|drive|meet)|you (?:can not|cannot|can't) (?:see|go out with|talk to|visit|call|hang out with|leave the house|leave without) (?:your )?(?:friends|family|sister|brother|mom|mother|dad|father|parents|anyone|them|her|him|without)|you (?:do not|don't) need (?:your )?(?:friends|family|a job|that job|this job|your job|to work|money|your own money|a phone|anyone but me|anyone else)|(?:stop|quit) (?:seeing|talking to|visiting|calling) (?:your )?(?:friends|family|sister|brother|mom|mother|parents)(?: \S+){0,3} (?:or|if|,)|(?:you will|you'll) (?:not|never) (?:leave|see|go) (?:this house|the house|your family|them|anywhere))",
            0.85,
            NOT_REPORTED | NOT_LAUGHING,
        ),
        // Money and documents.
        p(
            r"(?P<m>(?:i|i've|i have) (?:took|taken|take|have|am keeping|will keep|hid|hidden|locked up|cancelled|canceled|cut off|froze|frozen) (?:your )?(?:keys|car keys|passport|card|cards|credit card|bank card|money|paycheck|wages|wallet|phone|documents|id|papers|allowance|access)|(?:no|not a) (?:cent|penny|dollar|pound|euro) (?:without|unless|until)|(?:ask|asking) (?:me |my )?(?:permission|for permission) (?:before|to|for)|(?:you|u) (?:get|will get) (?:an )?allowance|hand over your (?:paycheck|wages|card|salary|money))",
            0.85,
            NOT_REPORTED | NOT_LAUGHING,
        ),
        // Location and phone monitoring, in the words people use for it.
        p(
            r"(?P<m>(?:turn|put|switch|keep) (?:it|that|your (?:\S+ )?location|your (?:snap ?map|find my|tracking|gps|sharing)|the tracking|location sharing) (?:back )?on|why (?:is|was|has|did) your (?:snap ?map|location|find my|tracking|gps|location sharing) (?:been )?(?:off|turned off|switched off|disabled|go off)|where you are (?:at all times|every (?:hour|minute|second)|24/7|all the time)|(?:i will|i'll) (?:know|find out|see) (?:if|when|where) you|(?:i am|i'm) timing you|(?:your|the) phone (?:on the table|stays with me|face up)|send (?:me )?(?:a |your )?(?:pic|photo|picture|selfie|video|screenshot) (?:of (?:the table|where|who|it|your location|the receipt|your screen|your messages|the bill)|every|so i|to prove)|(?:^|[.!?] )(?:a )?(?:pic|photo|picture|screenshot) of (?:the|your|every) (?:receipt|receipts|location|screen|bill|messages|chat|texts)|(?:i )?(?:checked|looked at|went through|went into|opened|logged into) (?:the|your|ur) \S+ app\b)",
            0.8,
            NOT_REPORTED | NOT_LAUGHING,
        ),
        p(
            r"(?P<m>(?:your|ur|the) (?:ig|insta|instagram|snap|snapchat|email|icloud|facebook|fb|banking|bank|phone|whatsapp|gmail|apple id) (?:password|passcode|login|pin)|(?:i have|i've got|i got|i know) your (?:password|passcode|login|pin|icloud)|(?:i )?logged (?:in|into|on to) your|(?:i )?(?:changed|reset) the (?:password|pin|login) (?:on|to|for)|(?:i )?(?:went|been going|go) through your|(?:i will|i'll|i am going to|i'm going to) be (?:checking|reading|going through|tracking|watching) your|(?:i )?(?:already )?(?:checked|read|searched|tracked) (?:your|ur) (?:emails?|bank|texts|messages|dms|phone|browser|history|receipts|car|bag|glovebox))",
            0.85,
            NOT_REPORTED | NOT_LAUGHING,
        ),
        // Isolating from family and friends.
        p(
            r"(?P<m>you (?:are|were) not (?:going|seeing|visiting|telling|leaving|allowed)\b(?: \S+){0,4} (?:your |ur )?(?:sister|brother|mum|mom|mother|dad|father|parents|family|friends?|mates|girls|boys|cousin|aunt|grandma|this (?:house|apartment|flat|room)|anywhere|anyone|\w+'s)|(?:i do not|i don't) want you (?:seeing|talking to|hanging out with|texting|visiting) (?:\S+ ){0,2}?(?:anymore|again|any more)|(?:she|he|they) (?:is|are|was) (?:poison|toxic|a bad influence)|(?:turn|turns|turning|put|puts|fill|fills|filling) (?:you|your head|ideas in your head)\b(?: \S+){0,3}? (?:against me|rubbish|with rubbish|ideas|about me)|(?:do not|don't) (?:you )?(?:dare )?tell (?:anyone|anybody|your \w+)|tell (?:anyone|anybody) (?:about (?:us|this) )?and you)",
            0.8,
            NOT_REPORTED | NOT_LAUGHING,
        ),
        // Controlling money, documents and movement.
        p(
            r"(?P<m>(?:send|transfer|move|moved|put|fold|folded|merge|merged) (?:it|the money|your money|your wages|your pay|everything|the (?:joint )?(?:savings|account)|your (?:savings|account)) (?:to|into) my (?:account|name)|your (?:card|cards|passport|keys|car keys|wages|pay|salary|money) (?:stays|stay|is|are|goes|go) (?:with me|in the safe|in my)|you (?:will|'ll) (?:get|be given) (?:cash|money|an allowance)|(?:you will|you'll) ask me (?:when|before|for|if)|(?:i will|i'll) give you money (?:when|if)|you (?:do not|don't) need (?:your own|a) (?:account|card|money|car|phone)|i want (?:the car keys|your keys|your passport|your card|receipts)|(?:i have|i've got|i took|i'm keeping|i am keeping) your (?:passport|keys|car keys|card|id|documents)|(?:you do not|you don't) go anywhere without|(?:ask|asking|tell) me (?:before|first before) you go)",
            0.8,
            NOT_REPORTED | NOT_LAUGHING,
        ),
        // Veiled threats and intimidation.
        p(
            r"(?P<m>(?:you will|you'll|you are going to) regret (?:it|this|that)|(?:do not|don't) (?:test|push|try) me|watch me|what i am capable of|what i'm capable of|i (?:do not|don't) know what i (?:will|'ll|would|might) do|remember what happened (?:last time|the last time|when)|see what happens when you get home|you know (?:i will|i would|what i will do|what i'll do)|(?:do not|don't) think i (?:will not|won't)|smash your (?:phone|face|stuff|car)|(?:i will|i'll) (?:smash|break|burn|destroy) (?:your|all your))",
            0.75,
            NOT_REPORTED | NOT_LAUGHING,
        ),
        // Self-harm said in other words.
        p(
            r"(?P<m>(?:do|doing) something to myself|(?:swallow|take|taking) (?:every|all the|all my|all of the|everything in the) (?:pill|pills|tablets|meds|medicine)|everything in the medicine cabinet|(?:still |not )?be alive|(?:hurting|harming|cutting) myself|(?:i will|i'll|i swear i will|i swear i'll) end it\.? i mean it|not (?:wake|waking) up)",
            0.85,
            NOT_REPORTED | NOT_LAUGHING,
        ),
        p(
            r"(?P<m>accidents happen|you (?:will not|won't) (?:have to|want to) find out|you know how i get|(?:hate|shame) (?:for|if) (?:that|something|anything) (?:to )?happen|(?:you will|you'll) do (?:what|as) i say|i decide (?:how|what|where|who|when|if)|ask me (?:when|before|for|if) (?:you need )?(?:money|petrol|gas|cash|anything|the car)|(?:photo|picture|screenshot|receipt for) (?:of )?every (?:receipt|purchase|penny|thing)|(?:changed|reset) the (?:login|password|pin|passcode)|(?:location|tracking|tracker) stays (?:switched |turned )?on|(?:running|run) (?:them|it|plans|things) (?:past|by) me|put (?:her|him|them) on the phone|so i can (?:hear|see|check|know) where|moved your (?:wages|money|pay|salary)|i will give you money|(?:give|hand) me (?:your|ur) (?:phone|pin|password)|(?:pin|password|passcode)[.,] now)",
            0.75,
            NOT_REPORTED | NOT_LAUGHING,
        ),
        // Weapons as cues.
        p(r"(?P<m>:weapon:)", 0.6, NOT_REPORTED | NOT_LAUGHING),
        // Decisive patterns: phrases precise enough that the model may not
        // overrule them (see `guard::DECISIVE`).
        //
        // A weapon the speaker has, fetches or means to use, or one aimed
        // at the partner or the speaker ("the gun's loaded", "I bought a
        // knife today"), but not a knife set, a glue gun or jumping the gun.
        p(
            concat!(
                r"(?P<m>(?:^|[.!?] |\bi (?:\S+ ){0,4}?)(?:bought|got|have|keep|keeping|kept|grabbed|took|loaded|cleaning|bringing|bring|brought|use|using|holding|sharpened|sharpening|buy|get)(?: \S+){0,3}? ",
                weapon!(),
                r"|",
                weapon!(),
                r"(?:'s| is| are)? (?:loaded|right there|by the bed|under the bed|under my pillow|in my (?:hand|car|bag|pocket|lap)|ready|on the table)|(?:use|using|pull|pulling|point|pointing) (?:a |the |my )?",
                weapon!(),
                r" on (?:you|your|myself|me)|",
                weapon!(),
                r" (?:on|to|at|into) (?:you|your|myself|my (?:wrists?|arms?|throat|neck)))",
            ),
            0.9,
            NOT_REPORTED | NOT_LAUGHING | NOT_NEGATED | DECISIVE,
        ),
        // Self-harm in the act or planned: a method at hand or taken,
        // cutting again, standing at a height, driving into something, one's
        // own death held over the partner. ("I'll kill myself if I have to
        // sit through another meeting" is hyperbole the model reads; these
        // are not.)
        p(
            r"(?P<m>(?:^|[.!?] |\bi (?:just |have |already |will |am going to )?)(?:took|taken|swallowed|swallow|take|taking) (?:the whole|a whole|all (?:of )?(?:the|my|these|those)|every|the lot of|all) (?:\S+ )?(?:pills?|tablets?|packets?|bottles?|meds|medication|painkillers)|(?:pills?|tablets?|blade|razor) in my hand|\bi (?:cut|have cut|have been cutting|been cutting|started cutting) (?:again|myself|my (?:wrists?|arms?|legs?|thighs?))|(?:stood|standing|sat|sitting|am) on (?:the )?(?:edge|ledge|railing)s? of|(?:on|at) the edge of (?:the )?(?:roof|bridge|cliff|balcony|car park|platform)|(?:drive|driving|crash|crashing|steer|steering) (?:my car |the car )?(?:into|off) (?:a|the) (?:tree|wall|river|bridge|lorry|truck|cliff)|(?:i will|i would|i will probably) be dead (?:by|before|when)|(?:planning|plan|organising|organizing) my funeral|my blood (?:will be |is )?on your hands)",
            0.9,
            NOT_REPORTED | NOT_LAUGHING | DECISIVE,
        ),
        // Self-harm said plainly, in the first person: meant, wished or
        // thought about, or the speaker's absence as a relief to others.
        // Hyperbole hangs the harm on something other than the partner
        // ("if I have to sit through another meeting") and is left to the
        // pattern above and the model.
        p(
            r"(?P<m>(?:i will|i am going to|going to|gonna|i go|i want to|i wanna|i swear i will|i might|thinking (?:about|of)|thoughts (?:about|of)|urges? to) (?:just |really |seriously |honestly |actually |literally )?(?:kill|killing|hurt|hurting|harm|harming|cut|cutting|end|ending) myself|better off without me|(?:end|take) my (?:own )?life|(?:i will|i am going to|going to|gonna) end it (?:all|tonight|tonite|today|now))",
            0.9,
            NOT_REPORTED | NOT_LAUGHING | NOT_NEGATED | NOT_HYPERBOLE | DECISIVE,
        ),
        // Saying goodbye ("tell my mum I love her", "tell the kids I tried").
        p(
            r"(?P<m>tell (?:my|the) (?:mum|mom|mother|dad|father|kids|children|family|sister|brother|parents) (?:i love (?:her|him|them)|i loved|i am sorry|i tried|that i (?:love|loved|tried|am sorry)))",
            0.8,
            NOT_REPORTED | NOT_LAUGHING,
        ),
        // Violence promised in the words people text it ("going to slap
        // you", "i go beat you", "finna break your jaw"). The model reads
        // these for hyperbole ("I'll strangle you if you spoil it").
        p(
            r"(?P<m>(?:going to|want to|finna|about to|i will|i would|i go|i am going to) (?:\S+ )?(?:slap|punch|choke|strangle|batter|smack|stab|beat|kick|headbutt|drag|break|snap|knock) (?:you|your (?:face|jaw|neck|nose|teeth|head|legs?|arms?|fingers))\b)",
            0.85,
            NOT_REPORTED | NOT_LAUGHING | NOT_NEGATED,
        ),
        // Intimidation in the idioms of violence: harm to the partner's
        // body, their things or pets, or "you'll be sorry".
        p(
            r"(?P<m>(?:show|teach) you what happens|smack the \S+ out (?:of )?your mouth|wipe that (?:smile|smirk|look) off your face|(?:see|check) if you still (?:got|have) (?:teeth|a face|legs)|(?:put|throw|shove|push|smash|slam) you (?:through|into) (?:that|the|a) (?:wall|window|door|floor)|by your hair|with my (?:fist|fists|hands|belt)|sleep with one eye open|you (?:will|are going to) be sorry|(?:next one|next time it) is you|you are going to learn (?:today|tonight|now|your lesson)|what happens to your (?:\S+ )?(?:cat|dog|pet|kids|car|stuff|things|face)|(?:be a |shame if )(?:shame if )?(?:something|somethin|anything) (?:happened|happens) to)",
            0.85,
            NOT_REPORTED | NOT_LAUGHING | NOT_NEGATED | DECISIVE,
        ),
        // Veiled threats: a weapon the speaker is "not scared to use", the
        // speaker's anger as something the partner "does not want", the
        // partner's immigration status held over them.
        p(
            concat!(
                r"(?P<m>",
                weapon!(),
                r"(?: \S+){0,8}? (?:not|never been) (?:scared|afraid) to use (?:it|them|that|one)|(?:you|u) do not want (?:to see )?me (?:angry|mad|like that|in (?:the|that|this) mood|when i am (?:angry|mad|like this))|(?:tell|telling|call|calling|ring|ringing|report|reporting) (?:\S+ ){0,2}?(?:immigration|the home office)\b(?: \S+){0,4}? (?:you|your)\b|(?:get|have|getting) (?:you|u) deported)",
            ),
            0.85,
            NOT_REPORTED | NOT_LAUGHING | NOT_NEGATED | DECISIVE,
        ),
        // Control with a standing rule: permission to be asked first,
        // proof demanded by photo or call on a schedule, a curfew "or
        // else", contacts cut off on the partner's phone, the partner's
        // money moved to the speaker or rationed.
        p(
            r"(?P<m>who said you could (?:\S+ )?(?:go|leave|get|buy|spend|wear|see|cut|dye|take|have|invite|stay|visit|meet|talk|text|call|use|book|change|quit|drive|post)\b|(?:you )?(?:ask|check with|clear it with) me first (?:next time|from now on|before)|you need my (?:permission|ok|okay|say so)|(?:video call|facetime|photo|pic|picture|selfie|screenshot|proof)(?: me)?(?: \S+){0,6}? every (?:hour|half hour|day|night|time)|(?:facetime|video call) me (?:\S+ ){0,6}?so i can see|(?:that is|that's|those are) the (?:rule|rules|deal) now|(?:home|back|here|in) by (?:\S+ ){1,3}?or else|(?:muted|blocked|deleted|unfriended|unfollowed|removed) (?:\S+ ){0,3}?(?:on|from|off) your (?:phone|account|insta|instagram|facebook|snap|snapchat|whatsapp|contacts)|(?:switched|moved|transferred|put|changed) your (?:direct deposit|wages|salary|pay|paycheck|savings|pension|benefits|money)(?: \S+){0,2}? (?:to|into) my|your (?:savings|money|wages|salary|pay|account|accounts|car|house) (?:are|is) (?:\S+ )?in my name|transfer (?:the )?(?:full|whole|entire) (?:amount|salary|pay|paycheck|wages) to me|i will (?:move|send|give|transfer) you (?:\$ )?\d+ (?:every|a|per|each) (?:week|friday|month|day|fortnight)|(?:need|want) (?:any )?more,? (?:you|u) (?:can|will|have to|better|must) (?:explain|justify|ask me))",
            0.85,
            NOT_REPORTED | NOT_LAUGHING | NOT_NEGATED | DECISIVE,
        ),
        // Messages vetted first, even inside an order that is negated
        // ("don't reply to anyone without showing me first").
        p(r"(?P<m>without showing me(?: first)?)", 0.85, NOT_REPORTED | NOT_LAUGHING | NOT_QUESTION | DECISIVE),
        // Isolating, in softer words: the partner's people as rivals, or
        // asked to give them up ("why do you even need friends when you
        // have me", "the less you talk to them the better").
        p(
            r"(?P<m>why do you (?:even )?need (?:friends|your friends|your family|them|anyone|anybody)|the less you (?:see|talk to|speak to|text) (?:them|her|him|your \S+) the better|you (?:are|is) not (?:going|goin) (?:out|anywhere|nowhere)(?: \S+){0,3}? (?:looking like that|in that|tonight|without me)|(?:being|i am) a (?:burden|weight) (?:on|to) (?:you|everyone|everybody)|if i (?:\S+ ){0,4}?(?:disappeared|was gone|were gone|was not here|were not here|did not come home|did not wake up|died)(?: \S+){0,4}? (?:would|will) (?:anyone|anybody|you|people) (?:even |actually |really )?(?:care|notice|miss me))",
            0.8,
            NOT_REPORTED | NOT_LAUGHING,
        ),
        // Following and waiting: the speaker outside the partner's home,
        // work or family, following them, or coming to find them. Not
        // decisive: "I'm outside your work, surprise lunch!" is a treat.
        p(
            r"(?P<m>(?:i am|i have been|been|i will|i will just|i am just) (?:\S+ )?(?:parked|sat|sitting|waiting|wait|camped)(?: \S+){0,3}? (?:outside |out the front of |in front of |at |by )?your (?:work|office|flat|house|place|apartment|mums?|moms?|mum's|mom's|sisters?|sister's|parents|parents'|school|gym|class|job|door|window|car)|(?:drove|driven|driving|walked|been) past your \S+ (?:\d+|three|four|five|six|several|a few|so many) times|followed you (?:to|home|from|today|tonight|last night|again)|i can see you (?:through|from|in|at)|(?:i am |i will be )?coming to (?:find|get) you|you can not hide from me)",
            0.85,
            NOT_REPORTED | NOT_LAUGHING | NOT_NEGATED,
        ),
        // Self-harm tried, under way or prepared, in the words of the
        // warning signs rather than of the act: an attempt ("tried to
        // overdose"), harm done on purpose or with a lighter or blade,
        // a method held or set up ("holding the razor", "the garage with
        // the engine running", "the method and the date"), medication
        // stopped or mixed to that end, one's own death held over the
        // partner ("answer me or I go over", "enjoy the guilt when they
        // find me").
        p(
            r"(?P<m>tried to (?:overdose|od|kill myself|end (?:it|it all|my life|things)|hang myself|take my (?:own )?life|drown myself)|attempted (?:suicide|to kill myself)|(?:burned|burnt|burning|cut|cutting|scratched|scratching|hit|hitting|punched|punching|bit|biting|starved|starving) myself (?:\S+ ){0,4}?(?:on purpose|deliberately)\b|(?:burned|burnt|burning|cut|cutting) myself (?:again )?with (?:the|a|my) (?:lighter|blade|razor|cigarette)|holding (?:the|a|my) (?:razor|blade|noose)|(?:garage|car) with the engine (?:running|on)|(?:stopped|stop|quit|quitting|stopping) taking (?:my|the) (?:meds|medication|medicine|pills|tablets|insulin)(?: \S+){0,3}? (?:on purpose|deliberately|what is the point)|(?:vodka|whisky|whiskey|wine|gin|rum|alcohol|booze|bottle) on top of (?:all )?(?:my|the|those|these|them|all the) (?:pills|meds|tablets|sleeping pills|painkillers)|(?:answer|pick up|come back|reply)(?: \S+){0,3}? or i (?:will )?(?:go over|jump|take them all|swallow them all)\s*(?:[.!]|$)|(?:guilt|sorry|regret it|enjoy)(?: \S+){0,5}? when (?:they|you|someone|somebody|the kids) finds? me\b|the method and the (?:date|time|place|day))",
            0.9,
            NOT_REPORTED | NOT_LAUGHING | NOT_NEGATED | DECISIVE,
        ),
        // Wishing not to exist, said without the words of death ("I want
        // to stop existing", "tired of being alive", "go to sleep and never
        // wake up", "can't do this life anymore"), self-punishment, the
        // speaker's absence foretold ("you'll be free of me soon", "when
        // I'm gone you'll finally…", "sorry for being a burden", "you'll
        // understand soon"), belongings given away with relief. Evidence
        // for the model, which reads hyperbole ("this duvet, I could sleep
        // and never wake up").
        p(
            r"(?P<m>(?:stop|stopped) existing|(?:tired of|done with|sick of) (?:being alive|living|life)(?:\s*[.!,]|$| any ?more)|(?:can not|cannot|do not want to) (?:do|live|go on with) (?:this )?(?:life|living) any ?more|(?:sleep|go to sleep|close my eyes|fall asleep) and (?:never|not) wake up|never wake up (?:again)?|(?:do not|don't) want to (?:be alive|exist|wake up)|(?:want|wanna) to (?:disappear|vanish) (?:forever|for good|for ever)|(?:punish|punishing|punished|starving|starve) myself|(?:have not|haven't|not) eaten (?:in|for) (?:\d+|two|three|four|five|six|seven|several|a few) days|(?:do not|don't) call (?:an|the) ambulance|(?:coming back for|come back for|be coming to|see you at) my funeral|gave (?:away )?(?:my|all my) (?:stuff|things|books|clothes|records|guitar|plants|dog|cat|jewellery|jewelry)(?: away)?(?: to \S+(?: \S+)?)?[.,!]?(?: \S+){0,4}? (?:better this way|lighter|for the best|will not need|do not need)|(?:be|get|are) free of me|when i am gone,? (?:maybe |then )?(?:you|everyone|they)(?: will)? (?:finally|will finally|miss|will miss|realise|realize|understand|be happy|be happier)|sorry for being (?:such )?(?:a|an) (?:burden|weight|problem)|(?:will not|won't) be (?:a problem|your problem|a burden|in your way|around) (?:for |to you )?(?:much longer|soon|for long)|you(?: will|'ll)? understand (?:soon|one day|when (?:it|they|you))|(?:look after|take care of|make sure \w+ gets) (?:\S+ ){1,3}for me\b(?: \S+){0,6}? (?:understand|soon|always|goodbye|bye)|goodbye (?:forever|for good)|(?:you were|you have been) the best (?:part|thing) of my (?:life|days)?(?: \S+){0,3}? goodbye)",
            0.8,
            NOT_REPORTED | NOT_LAUGHING | NOT_NEGATED | NOT_HYPERBOLE,
        ),
        // Harm as the price of what the partner does, in the present
        // tense ("go to the police and I burn the house down"), a head put
        // through a wall or held under water, a grip on the throat, the
        // speaker's violence blamed on the partner ("you made me hit you"),
        // a car driven to frighten ("keep screaming and I floor it").
        p(
            r"(?P<m>(?:\b(?:or|and|then)|,) i (?:\S+ )?(?:burn|torch|smash|wreck) (?:the house|the car|the flat|your (?:car|stuff|things|face|house|flat|place)|everything)|(?:\b(?:or|and|then)|,) i (?:\S+ )?(?:stab|shoot|strangle|choke|hurt) (?:you|u|your)\b|(?:show|teach) you what a real (?:shove|push|punch|slap|hit|beating|hiding)|(?:head|face) (?:goes|going|will go|is going) (?:through|into) (?:the|a|that) (?:wall|window|door|table|floor)|(?:holding|hold|held|push|pushing|keep|keeping|put) (?:you|your head) (?:under|down (?:under|in)) (?:the )?(?:bath ?water|water|pillow)|(?:had|grabbed|grab|hold|held|have) you (?:by|round|around) (?:the|your) (?:throat|neck)|you made me (?:hit|hurt|push|grab|slap|shove|choke|kick) you|(?:keep|keeps) (?:screaming|yelling|crying|talking) and i (?:floor it|crash|will crash)|next time i (?:do not|don't|will not|won't) brake)",
            0.9,
            NOT_REPORTED | NOT_LAUGHING | NOT_NEGATED | DECISIVE,
        ),
        // The same menace in looser words, for the model to weigh: violence
        // owned and minimised ("I barely shoved you", "don't make me do it
        // again"), injuries to be hidden, "you're next if…", "nobody would
        // hear you out here", "you leave, you get hurt", research into
        // hurting someone.
        p(
            r"(?P<m>i (?:barely|only|just|hardly) (?:shoved|pushed|slapped|hit|grabbed|smacked|kicked|choked) (?:you|u)\b|(?:do not|don't) make me do (?:it|that|this) again|you made me (?:do it|do that|lose it)|(?:hide|cover|covering|hiding) (?:up )?(?:the|those|your|them) (?:bruises|bruise|marks)|long sleeves (?:\S+ ){0,7}?(?:marks|bruises)|you are next (?:if|unless|when)|nobody (?:would|will|could|can) hear you (?:all the way )?(?:out here|scream|way out|up here|down here)|(?:you|u) (?:get|will get|gonna get|are going to get) hurt\b|(?:squeeze|squeezing|press|pressing) (?:their|your|his|her) (?:neck|throat))",
            0.85,
            NOT_REPORTED | NOT_LAUGHING | NOT_NEGATED,
        ),
        // Control as a standing arrangement or a secret act: contacts
        // deleted while the speaker watches, calls only with the speaker in
        // the room, a loan in the partner's name, a visa held over them,
        // the partner to be outed, contraception destroyed, the locks
        // changed until they obey, a tracker hidden in their things.
        p(
            r"(?P<m>(?:no (?:more )?)?(?:calls?|talk|speak|see|visit|ring)(?: \S+){0,6}? unless i am (?:in the room|there|listening|present|on the call|with you)|(?:delete|block|unfollow|remove|unfriend)(?: \S+){0,5}? while i (?:watch|am watching|sit here|stand here)|took out (?:another |a |two |more )?(?:loans?|credit cards?|overdrafts?) in (?:your|ur) name|(?:visa|sponsorship|papers|residency|green card|status) (?:depends|depend|is depending|relies) on me|(?:or|and|then) i (?:will )?(?:call|ring|phone|tell|report (?:you )?to) (?:the )?(?:home office|immigration)|i(?: will)? tell (?:your|ur) (?:parents|mum|mom|dad|family|boss|work|church|mates|friends)(?: that)? you are (?:gay|bi|lesbian|trans|queer)|(?:flushed|threw away|binned) (?:your|ur) (?:pills|birth control|contraception|contraceptives|condoms)|(?:hid|hidden|swapped) (?:your|ur) (?:birth control|contraception|contraceptives|contraceptive pills)|poked holes in (?:the|your|ur) condoms|changed the locks[.,]?(?: \S+){0,6}? (?:when|until|till|unless) you|(?:put|hid|hidden|stuck|slipped|planted) (?:an? |the )?(?:airtag|tile|tracker|gps tracker|tracking device|tracking app) (?:in|on|under|into) (?:your|ur))",
            0.85,
            NOT_REPORTED | DECISIVE,
        ),
        // Control in words with innocent uses, for the model to weigh:
        // permission, cards cancelled, payment stopped as a price, what the
        // partner does not need, the phone's terms, keys or the internet
        // taken away, "I'll decide when you…", "I can't let you go to…",
        // following and watching ("watching your window", "you didn't see
        // me though 🙂", "I know which street your mum lives on"), showing
        // up "and it won't be nice".
        p(
            r"(?P<m>(?:i )?told you to ask (?:me )?(?:first|before)|(?:card|cards|account|allowance)(?: is| are)? (?:getting|being|going to be|will be) (?:cancelled|canceled|cut off|frozen|blocked|stopped)|(?:and|or|then) i (?:will )?(?:stop|cut off|cancel) (?:paying|the money|your card|your allowance|your phone)|you (?:do not|don't|do not even) need (?:a|an|your own) (?:\w+ )?(?:account|card|money|car|phone|job)(?: of your own)?|(?:^|[.!?,] )(?:your |the )?phone (?:on the table|face up|unlocked)(?:,? (?:face up|unlocked))?|(?:took|take|taking|unplugged) (?:the router|the wifi|the modem|your phone|your keys|the car keys|your car keys|your passport)(?: \S+){0,3}? with me|i(?: will)? decide (?:when|if|whether|what|where|who|how) you|i (?:can not|cannot) let you (?:go (?:to|out)|see|leave|wear|work|visit|meet|hang out)|(?:gie|give|hand) me (?:yer|your|ur) (?:phone|mobile)|how do you think i always know|watching (?:your|ur) (?:window|house|flat|door|place|office|car|building)|(?:parked|sitting|sat|waiting|standing) (?:across|opposite) (?:from )?(?:your|ur)|you (?:did not|didn't|never) see me(?: though| tho)?(?:\s*[.!🙂😉]|$)|(?:i )?know (?:which|what) (?:street|house|road|school|flat|building|shift) (?:your \w+|you|she|he|they)(?: \w+)? (?:lives?|works?|goes|is on)|(?:pull|pulling|come|coming|show|showing|turn|turning) up (?:to|at) (?:your|ur) (?:\S+ ){0,3}?(?:and|&) it (?:is not|will not be|won't be) (?:going to be )?(?:nice|pretty|friendly))",
            0.85,
            NOT_REPORTED | NOT_NEGATED,
        ),
    ],
    check: Some(check),
    context: None,
    rewrite: Some(rewrite),
};

/// Words that make harm to oneself an accident of cooking, shaving or
/// crafts, in the sentence of the harm.
const ACCIDENT: &[&str] = &[
    "chopping",
    "shaving",
    "slicing",
    "peeling",
    "onion",
    "bread knife",
    "tin opener",
    "can opener",
    "paper cut",
    "by accident",
    "accidentally",
    "cooking",
    "on the oven",
    "on the pan",
    "on the iron",
    "gardening",
];

/// "I'm not going to hurt myself": "not going" usually frames what follows
/// ("not gonna lie"), so the negation guard lets it through; right before
/// the harm it denies it.
fn check(ctx: &Ctx, span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    // "I cut myself chopping onions": harm to oneself by accident.
    if ctx.msg.text[span.clone()].contains("myself") && ACCIDENT.iter().any(|w| sentence_around(ctx, &span).contains(w)) {
        return None;
    }
    let before = ctx.msg.text[..span.start].trim_end();
    if ["not", "never", "no"]
        .iter()
        .any(|w| before.ends_with(w) && !before[..before.len() - w.len()].ends_with(|c: char| c.is_ascii_alphanumeric()))
    {
        return None;
    }
    Some(conf)
}

fn rewrite(ctx: &Ctx) -> String {
    let _ = ctx;
    "Please don't send this. If you feel you might hurt someone or yourself, reach out now: a crisis line or emergency services can help right away.".to_string()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_harm_self_harm_and_control() {
        for t in [
            "I'll hurt you",
            "I'll kill myself if you leave",
            "give me your phone password or else",
            "you're not allowed to see your friends",
            "you know what happens when I get angry",
            "I checked your messages while you slept",
            "I took your passport so you can't leave",
            "why was your location turned off last night",
            "screenshot of your location. now",
            "I went through the Monzo app",
            "you don't need that job anyway",
            "I moved the joint savings into my account",
        ] {
            assert!(ids(t).contains(&"danger"), "{t}");
        }
    }

    fn decisive(text: &str) -> bool {
        let msg = crate::text::Normalized::new(text);
        let ctx = crate::rules::Ctx { raw: text, msg: &msg, prev: None };
        crate::rules::run(&ctx).iter().any(|f| f.behaviour == crate::taxonomy::Behaviour::Danger && f.decisive)
    }

    #[test]
    fn weapons_methods_control_and_idioms_of_violence_are_decisive() {
        for t in [
            "ive got a knife in my bag so keep pushing",
            "the gun is loaded. your call",
            "swallowed all my pills. bye",
            "im standing on the edge of the bridge rn",
            "who said u could dye ur hair",
            "facetime me when you get there so i can see who's with you",
            "i muted all your mates on your insta",
            "ill wipe that smirk off your face",
            "i switched your wages into my account, easier that way",
            "don't message any girl without showing me first",
            "honestly i'm going to hurt myself tonight",
            "everyone would be better off without me",
            "i keep having thoughts of ending myself",
            // A smile or a kiss sweetens it; it does not make it a joke.
            "took the rifle out of the loft. cleaning it 🙂",
            "phone face up on the table, video call me every hour so i can see. love u 😘",
            "gonna end it tonite. tell my mum i love her",
            "the knife drawer is right there and im not scared to use it",
            "trust me u do NOT want me in the mood im in when u get back",
            "u move out and im telling immigration ur visa is fake",
            "£20 for the week thats it. need more u can explain why",
            // The normaliser writes every currency sign as "$ ", apart from its amount.
            "it's easier this way. I'll move you $60 every friday for lunches",
            "I'll give you £50 a week for food",
        ] {
            assert!(decisive(t), "{t}");
        }
    }

    #[test]
    fn look_alikes_of_the_decisive_patterns_are_not_danger() {
        for t in [
            "babe the knife set or the kettle for their wedding?",
            "she took the whole bottle 💪 sleeping now",
            "I took my tablets, stop nagging",
            "hey I'm outside your office, surprise lunch!",
            "why did you book it without asking me",
            "I'll call you every night while I'm away",
            "you'll still be reading me that list at my funeral",
            "I can hear you yelling through the wall",
            "i'm not sending you proof every time i go out",
            "u left ur hoodie at mine. it's mine now. those are the rules",
            "I'm going to kill myself if I have to sit through one more budget call",
            "gonna kill myself if that song comes on again",
            "she said she'd kill herself if he left",
            "I'm not going to hurt myself, I promise",
            "ugh i want to kill myself lol",
            "I'm going to end it with Sam tonight, he's not right for me",
            "I have never been afraid to use my voice at work",
            "you don't want me angry at the quiz, I'll be insufferable lol",
            "I'll call immigration tomorrow about my visa renewal",
            "need more milk, you can grab some?",
        ] {
            assert!(!decisive(t), "{t}");
        }
    }

    #[test]
    fn self_harm_in_any_tense_and_farewells_reach_the_model() {
        for t in ["been thinking about killing myself all week", "tell the kids i tried", "if i disappeared would anyone even notice"] {
            assert!(ids(t).contains(&"danger"), "{t}");
        }
    }

    #[test]
    fn warning_signs_in_other_words_are_decisive() {
        for t in [
            "i tried to overdose in march. nobody knows",
            "burnt myself with a cigarette again last night",
            "been sitting in the car with the engine running in the garage",
            "stopped taking my meds on purpose this week",
            "half a bottle of whisky on top of my sleeping pills",
            "pick up the phone or i jump.",
            "I've written it all out, the method and the date",
            "call the cops and i torch your car",
            "keep crying and I floor it",
            "you made me slap you",
            "I had you by the throat for two seconds, calm down",
            "no calls with your sister unless I'm in the room",
            "unblock him? block him while i watch",
            "took out two credit cards in your name, you'll deal with it",
            "your visa depends on me, remember that",
            "I flushed your birth control. we're trying whether you like it or not",
            "stuck a tracker under your car last month",
        ] {
            assert!(decisive(t), "{t}");
        }
    }

    #[test]
    fn warning_signs_that_need_the_model_reach_it() {
        for t in [
            "I'm so tired of being alive",
            "honestly i just want to stop existing",
            "you'll be free of me soon enough",
            "sorry for being such a burden",
            "i barely pushed you and you're crying about it",
            "put some concealer on to cover the bruises before dinner",
            "I'll decide when you're allowed out",
            "parked across from your flat. nice dress",
        ] {
            assert!(ids(t).contains(&"danger"), "{t}");
        }
    }

    #[test]
    fn look_alikes_of_the_warning_signs_are_not_decisive() {
        for t in [
            "burned myself on the oven again, ouch",
            "I'm tired of living in this flat",
            "I cut myself with the bread knife again 🙄",
            "I beat you at chess, admit it",
            "that spin class nearly killed me, don't make me do that again",
            "nobody can hear you out here so sing as loud as you like",
            "I took your charger with me by mistake, sorry!",
            "when you're ready we'll tell your parents you're gay together",
            "my card is getting cancelled, the bank flagged fraud",
            "I hid your pills from the dog, top shelf",
            "phone on the table, loser pays for dinner",
            "I waved at you in Tesco but you didn't see me",
            "I can't let you go to the airport alone at 3am, I'll drive",
            "don't brake too hard on the ice",
        ] {
            assert!(!decisive(t), "{t}");
        }
    }

    #[test]
    fn hyperbole_and_reported_feelings_are_not_danger() {
        for t in [
            "I'll kill you if you spoil the ending 😂",
            "my sister said she'd kill me lol",
            "I'd never hurt you",
            "this traffic is killing me",
        ] {
            assert!(!ids(t).contains(&"danger"), "{t}");
        }
    }
}
