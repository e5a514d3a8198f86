#!/usr/bin/env python3
"""Build danger-dev-2: an independent labelled set for the `danger` behaviour.

Written by an AI helper from /work/shared/spec/behaviors.md only.
Every message is hand-written below; this script just assigns labels,
shuffles with a fixed seed, numbers the ids and writes messages.jsonl plus
the count tables used in NOTES.md.

Run:  python3 build.py      (deterministic; rewrites messages.jsonl, counts.md)
"""
import json
import random
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20240602

SPEC_IDS = {
    "name-calling", "sarcasm", "defensiveness", "threat", "past", "domination",
    "judgment", "dismissal", "suspicion", "pressure",
    "safety-talk", "promise", "curiosity", "space", "encouragement", "boundary",
    "listening", "empathy", "warmth", "accountability", "seek-help",
    "danger",
}

# Each entry: (text, "space separated labels").  "" = neutral.
# ---------------------------------------------------------------------------
# DANGER POSITIVES
# ---------------------------------------------------------------------------
POS_PHYSICAL = [
    ("say that one more time and see what happens", "danger"),
    ("you remember how your arm felt in March. don't make me do that again", "danger"),
    ("I know which street your mum lives on. Just something to sleep on.", "danger"),
    ("if you walk out that door with the kids I swear you won't make it to the car", "danger threat"),
    ("keeping the gun in the bedside drawer now. thought you should know", "danger"),
    ("touch my phone again and I'll break your fingers", "danger"),
    ("I'm parked across from your office. Nice blue jacket today.", "danger"),
    ("Saw you at the café with Priya at 2:14. You didn't see me though 🙂", "danger"),
    ("u leave me n ur dog goes in the canal. simple as", "danger threat"),
    ("Funny how easy it would be for the brakes on your car to just... fail", "danger"),
    ("I had my hands round your neck because you wouldnt shut up. next time I wont let go", "danger"),
    ("LOOK AT ME WHEN I'M TALKING OR YOUR HEAD GOES THROUGH THE WALL", "danger domination"),
    ("Stop crying or I'll really give you a reason to cry.", "danger dismissal"),
    ("Why are you scared? I only sped up because you keep lying. Next time I don't brake.", "danger"),
    ("came by ur new place last nite. u really should lock the back gate", "danger"),
    ("The kids would be so sad if anything happened to their mum. Think about that before the hearing.", "danger threat"),
    ("I've got the knife in my hand right now. Open the door.", "danger domination"),
    ("Your new boyfriend thinks he's hard? I'll be waiting for him after his shift.", "danger"),
    ("Cat got out again? Shame. Cars go so fast on that road 🐈", "danger"),
    ("Go to the police and I burn the house down with all your stuff in it", "danger"),
    ("Don't test me tonight. You know what my hands do when I'm pushed.", "danger"),
    ("I'll put a brick through every window of your car if you're not home by nine", "danger"),
    ("bro i swear down if u block me again im pulling up to ur mums yard and it aint gonna be nice", "danger threat"),
    ("wat happened last month can happen again. ur choice", "danger"),
    ("I say it simple for you: you leave, you get hurt. Is clear?", "danger threat"),
    ("I followed you home from the gym. You should change your route, anyone could be watching.", "danger"),
    ("I'm outside. Not leaving till you come down. I'll sit here all night if I have to.", "danger pressure"),
    ("Every time you lie I'm snapping one of your plants. After the plants it won't be plants.", "danger"),
    ("hit you? I barely shoved you. keep telling people that and I'll show you what a real shove is", "danger"),
    ("Yes I had you by the throat. You made me. Don't make me do it again tonight.", "danger defensiveness"),
    ("Remember the stairs? Be careful what you tell your sister.", "danger"),
    ("There's a bat by the front door and I'm not scared to use it on you", "danger"),
    ("if i cant have you nobody gets you. and i mean that literally", "danger threat"),
    ("I'm calm, so listen: I will find you wherever you go.", "danger"),
    ("keyed ur car so u remember who ur dealing with. ur next", "danger"),
    ("Hope your sister likes her new flat on Elm Road. Would be a shame if she had visitors at night.", "danger"),
    ("I'm not going to shout. I'm just going to wait until you fall asleep.", "danger"),
    ("yeah i slashed your tyres. the next thing i cut won't be rubber", "danger"),
    ("One more word in front of the kids and you'll be picking your teeth off the floor", "danger"),
    ("Slow down?? Nah. Maybe we both deserve to crash. Keep screaming and I floor it.", "danger"),
    ("Sat in your car park for three hours watching your window. Who was that who came in?", "danger suspicion"),
    ("Wear long sleeves tomorrow so nobody asks about the marks.", "danger domination"),
    ("You tell anyone about last night and I will make you regret it. Physically.", "danger"),
    ("Roll your eyes at me again and I'm holding you under the bath water till you learn", "danger"),
    ("found ur new address. took me 20 mins. u really thought u could hide?", "danger"),
    ("Oh sweetheart, nobody would hear you all the way out here. Isn't the cabin lovely? 😘", "danger"),
    ("Your precious horse. So easy for a gate to be left open by the motorway.", "danger"),
    ("Tu vas voir... you will see what I do if you come home late again. I am very serious.", "danger"),
    ("You'll be in a wheelchair if you try to take my son off me. Try it.", "danger threat"),
    ("punched the wall next to ur head on purpose. wall was lucky. u wont be", "danger"),
    ("Lock your bedroom door all you like. I still have the spare key 🔑", "danger"),
    ("Been reading how long it takes for someone to pass out when you squeeze their neck. Interesting.", "danger"),
    ("The dog snapped at me so he went down the stairs. You're next if you take his side.", "danger"),
    ("Don't make me come over there. You won't like how I come in.", "danger"),
    ("Turned up at ur uni to surprise u. Saw who u were sitting with. We'll sort it at home.", "danger suspicion"),
    ("pick up the phone or I'm driving over and kicking your door in", "danger pressure"),
    ("you go out with them again, you see lah what happens to your things. and to you.", "danger"),
]

POS_SELFHARM = [
    ("I've written letters for everyone. Yours is in the top drawer.", "danger"),
    ("gave my guitar to jamie today. won't need it where I'm going", "danger"),
    ("pretty sure everyone incl you would be better off without me around", "danger"),
    ("End this and I swallow every pill in the cabinet. Your choice.", "danger threat"),
    ("been googling how many of my sleeping tablets it would take. just so you know", "danger"),
    ("I have been saving up my tablets for some weeks. I have enough now.", "danger"),
    ("Don't worry about me, I won't be in your way for long.", "danger"),
    ("thank you for everything. really. you were the best part. goodbye x", "danger"),
    ("cut again last night. deeper this time. dont tell anyone", "danger"),
    ("if ur not here in 20 mins im jumping. im on the bridge", "danger threat pressure"),
    ("I'm standing on the balcony. Answer me or I go over.", "danger threat pressure"),
    ("i just want to go to sleep and never wake up", "danger"),
    ("No one would even notice if I vanished for good.", "danger"),
    ("I keep thinking about steering into the barrier on the motorway. It would be so easy.", "danger"),
    ("Go out with your friends then. Just don't be surprised by what you find when you get back.", "danger threat"),
    ("The rope came today.", "danger"),
    ("stopped taking my meds on purpose. whats the point", "danger"),
    ("Leave me and I'll make sure my blood is on your hands.", "danger threat"),
    ("i hate myself so much i want to stop existing", "danger"),
    ("Tried to overdose on Sunday. Didn't work. Not saying it to make you feel bad, just so you know.", "danger"),
    ("Please look after Biscuit for me. He likes the blue blanket. You'll understand soon.", "danger"),
    ("honestly the world has too many people like me, one less wouldnt matter", "danger"),
    ("sorry for being such a burden all these years. you'll be free of me soon", "danger"),
    ("I've been holding the razor for an hour. I don't know why I'm texting you.", "danger"),
    ("if u block me im done. like DONE done. u can live with that", "danger threat"),
    ("You won't have to put up with me for much longer, I promise.", "danger"),
    ("Check the will. Changed it this morning. Everything goes to you.", "danger"),
    ("I keep reading about what happens to a body when it falls from the 9th floor.", "danger"),
    ("When i'm gone maybe you'll finally listen.", "danger"),
    ("if you really loved me you'd stay. if you don't, I don't want to be here anymore.", "danger threat"),
    ("Ich kann nicht mehr. I cannot do this life anymore, I am tired of being alive.", "danger"),
    ("The pain stops soon. I've made my decision.", "danger"),
    ("Wrote my passwords down for you in case anything happens. it will happen.", "danger"),
    ("burned myself with the lighter again. it's the only thing that helps", "danger"),
    ("Go to the party. Have fun. I'll be dead by the time you're back so you won't have to deal with me.", "danger threat"),
    ("honestly thinking of just ending it tonight", "danger"),
    ("Haven't eaten in 6 days. I'm punishing myself for what I did to us.", "danger"),
    ("Don't call an ambulance. I took them an hour ago. I just wanted to hear your voice.", "danger"),
    ("say we're over and I'll open my wrists right here on the kitchen floor", "danger threat"),
    ("Cancelled my therapy. Gave away my books. Feels lighter already.", "danger"),
    ("I wish that bus had hit me today", "danger"),
    ("it's fine. soon you won't have to worry about me ever again 🙂", "danger"),
    ("If you don't pick up I'm taking all of them. I mean it this time.", "danger threat pressure"),
    ("Can you make sure mum gets my ring? I trust you with it. Love you always.", "danger"),
    ("Drank half a bottle of vodka on top of my pills. Whatever happens happens.", "danger"),
    ("I wrote down the method and the date. Writing it made it real.", "danger"),
    ("Everyone would cope. You'd cope. That's why it's ok for me to go.", "danger"),
    ("Me or the job in Leeds. Take it and you'll be coming back for my funeral.", "danger threat"),
    ("sat in the garage with the engine running for a while. didn't finish. dunno why", "danger"),
    ("so tired of fighting my own head. i don't want to exist", "danger"),
    ("DONT YOU DARE HANG UP ON ME I WILL DO IT I SWEAR", "danger threat pressure"),
    ("Don't bother apologising. I'll be gone before you get home.", "danger"),
    ("Hey can you cancel my gym membership if I'm not around? Just in case.", "danger"),
    ("Been hurting myself where you can't see. Long sleeves are great 🙃", "danger"),
    ("Fine, go see your brother. Hope you enjoy the guilt when they find me.", "danger threat"),
    ("I tied the knot today. Not the wedding kind.", "danger"),
]

POS_COERCIVE = [
    ("Your pay goes into my account from now on. I'll give you what you need.", "danger domination"),
    ("Why did you spend 6 quid on coffee? I told you to ask first. Card's getting cancelled.", "danger domination"),
    ("send me ur location. now. and keep it on 24/7 or we have a problem", "danger domination pressure"),
    ("I changed your email password so I can keep an eye on who's writing to you.", "danger"),
    ("Phone on the table, face up, unlocked. Every evening. That's the rule.", "danger domination"),
    ("I don't want you seeing Sarah anymore. She puts ideas in your head.", "danger domination"),
    ("It's only because I adore you that I can't let you go to that party, babe ❤️", "danger domination"),
    ("Your passport's safe with me. You don't need it unless you're planning on going somewhere?", "danger suspicion"),
    ("Remember whose name is on your visa. One phone call and you're on a plane home.", "danger"),
    ("Leave me and I'll tell the judge you're an unfit mother. You'll never see them again.", "danger threat"),
    ("Quit the job. I earn enough, and I don't like how your boss looks at you.", "danger domination"),
    ("Put the car keys where you won't find them. You don't need to go anywhere today.", "danger"),
    ("Locked the door from outside. You'll thank me later, it's for your own good.", "danger"),
    ("If you won't sleep with me tonight I'll find someone who will, and tell everyone why.", "danger threat"),
    ("You're not wearing that. Go change or you're not leaving this house.", "danger domination"),
    ("You've had enough today. Put the fork down.", "danger domination"),
    ("I flushed your pills. We're having a baby whether you're ready or not.", "danger domination"),
    ("Break up with me and I'll tell your parents you're gay. Let's see how they take it.", "danger threat"),
    ("ur read receipts were off for an hour. turn them back on. i need to see when u read my msgs", "danger domination"),
    ("I put an app on your phone. Don't bother looking for it, it's hidden.", "danger"),
    ("Cancelled your gym membership. You don't need to be around those men.", "danger"),
    ("Your mum isn't welcome here and you're not going there either. I'm your family now.", "danger domination"),
    ("Took out another loan in your name today. You signed, technically. Don't make a fuss.", "danger"),
    ("ur meds stay with me. u get one when u behave", "danger"),
    ("Lights off at 10. I don't care if you're not tired.", "danger domination"),
    ("You get 20 a week for food. Receipts for everything.", "danger domination"),
    ("Who's 'K' in your contacts? Delete the number while I watch.", "danger suspicion domination"),
    ("logged into ur insta and unfollowed everyone i dont like. u can thank me", "danger"),
    ("I read your diary. Be more careful what you write if you want to stay under my roof.", "danger"),
    ("Go back to college and I'm not paying a penny, and you can find somewhere else to live.", "danger threat"),
    ("You don't need your friends, you have me. I've told them you're busy from now on 🥰", "danger"),
    ("I told your manager you're quitting. Done. Now you can focus on us.", "danger"),
    ("Ye're no goin oot the night. Gie me yer phone when ye come in, ye'll get it back the morn.", "danger domination"),
    ("U don't leave this flat without telling me where, who and how long. Every time.", "danger domination"),
    ("Sign the papers or I ring the Home Office and tell them the marriage is fake.", "danger"),
    ("I keep your ID in my safe so you don't lose it. You don't need the code.", "danger"),
    ("Find My says you stopped at the petrol station for 11 minutes. What took so long?", "danger suspicion"),
    ("put an airtag in ur bag months ago lol. how do u think i always know", "danger"),
    ("No more phone calls with your mother unless I'm in the room.", "danger domination"),
    ("You eat what I cook, when I say. Don't ask again.", "danger domination"),
    ("Unplugged the router and took it with me. You can talk to your friends tomorrow. Maybe.", "danger"),
    ("Send me the money tonight or those photos go online. Your call.", "danger"),
    ("Ur not going to that interview. u'll just end up leaving me for someone from that office", "danger domination suspicion"),
    ("You don't need a bank account of your own. What would you even need it for?", "danger"),
    ("I'll decide when you're ready to see a doctor. Nobody needs to know our business.", "danger domination"),
    ("Your salary you will give to me only, I am managing everything for the family. No questions.", "danger domination"),
    ("Keep your location on. Off for one minute and I'm ringing your work to check on you.", "danger domination"),
    ("Wallet, keys, phone. On the counter. You're staying in tonight.", "danger domination"),
    ("Changed the locks. You can come back in when you apologise properly.", "danger"),
    ("My house my rules: you don't talk to men. Not at work, not at the shop, nowhere.", "danger domination"),
    ("i need the passcode to ur laptop by tonight. if u have nothing to hide u wont mind", "danger suspicion pressure"),
    ("Your sponsorship depends on me, sweetie. Keep that in mind before you talk back.", "danger"),
    ("Send me a photo every hour so I know you're where you say you are.", "danger domination suspicion"),
    ("Babe I only go through your messages because I care so much 💕 you'd do the same if you loved me", "danger"),
    ("Your sister's calls go straight to voicemail now. I blocked her on your phone. She's toxic.", "danger"),
    ("You can keep the job but the wages come to me every Friday, full amount, no arguing.", "danger domination"),
    ("tell your therapist about us and i stop paying for it. then you can explain to your mum why you're broke", "danger"),
]

# ---------------------------------------------------------------------------
# LOOK-ALIKES (not danger)
# ---------------------------------------------------------------------------
NEG_HYPERBOLE = [
    ("if you eat the last slice of cake I will end you 😂", ""),
    ("touch my chips and you're dead to me lol", ""),
    ("I'm going to strangle this printer, it jammed AGAIN", ""),
    ("you spoil one more episode and I'm pushing you in the pool haha", ""),
    ("i would literally die for your lasagne omg 😍", "encouragement"),
    ("My mum is going to kill me when she sees this haircut 💀", ""),
    ("wake me before 9 on a saturday and I'm filing for divorce 😤😂", ""),
    ("we're gonna murder this pub quiz tonight, team name pending", ""),
    ("lol I'll fight you for the window seat", ""),
    ("the cat knocked my coffee over, he's going on ebay 😭", ""),
    ("that pun was so bad I want to walk into the sea 🙄😂", ""),
    ("laugh at my dancing again and I'm hiding all your socks forever 😈", ""),
    ("honestly I could kill for a burrito right now", ""),
    ("you're a dead man at mario kart tonight 🏎️", ""),
    ("finish the series without me and I'm changing the wifi password 😂", ""),
    ("Dinner at your aunt's again? Shoot me now 😅", ""),
    ("gonna hide your laptop so you actually relax this weekend 😜 kidding. mostly. please rest", ""),
    ("ur so annoying lol love u", "warmth"),
    ("hand over the remote or face my wrath 😤😂", ""),
    ("book that cheesy hotel again and I'm walking home from Paris 😂", ""),
]

NEG_MEDIA = [
    ("can't stop belting 'I will always love you' in the shower 😂", ""),
    ("that bit in the film where he says he'll hunt them down gets me every time", ""),
    ("just finished the true crime doc about the husband who poisoned his wife. so creepy", ""),
    ("my character just got stabbed in the back by the guild leader, rude", ""),
    ("we got absolutely slaughtered 5-0, ref was blind", ""),
    ("her new song is literally about setting an ex's car on fire and I'm obsessed", ""),
    ("boxing class tonight, gonna punch stuff for an hour 🥊", ""),
    ("in this game you have to lock the hostages in the basement, it's so stressful", ""),
    ("did you know 'Every Breath You Take' is actually about a stalker? ruined it for me", ""),
    ("the villain in ep 4 takes her passport and phone, I was yelling at the telly", ""),
    ("Spurs are killing me this season, honestly", ""),
    ("we're watching Gone Girl tonight, bring snacks", ""),
    ("ok the hunger games reread is hitting different", ""),
    ("he got tackled so hard I felt it through the screen", ""),
    ("clay shooting with dad on sunday, he's been on about it for weeks", ""),
    ("Just killed the final boss!!! took me 3 weeks 🎮", ""),
    ("the play had a whole scene where a man won't let his wife leave the house. intense", ""),
    ("karaoke tonight: I'm doing 'Before He Cheats', fair warning 😂", ""),
    ("that murder mystery party was so fun, you were a brilliant butler", "encouragement"),
    ("the drummer was so good I wanted to die", ""),
]

NEG_WORK_SELF = [
    ("this report is going to be the end of me", ""),
    ("dying of cringe, I called my boss 'mum' in the meeting", ""),
    ("my feet are killing me after that shift", ""),
    ("the commute today nearly finished me off", ""),
    ("I'm such a disaster, locked myself out of the office again", ""),
    ("if I see one more spreadsheet I'm going to scream", ""),
    ("I want to crawl under a rock and live there forever after that presentation", ""),
    ("I'm dead tired, bed at 8 lol", ""),
    ("client wants it by 9am tomorrow, someone put me out of my misery 😩", ""),
    ("honestly my brain is fried, I'm useless tonight", ""),
    ("I want to throw my laptop out the window", ""),
    ("leg day absolutely destroyed me", ""),
    ("I look like death warmed up this morning haha", ""),
    ("my manager is going to murder me, I missed the deadline by a day", ""),
    ("ugh I'm the worst, forgot to buy milk AGAIN", ""),
    ("the heat in this office is actually killing me", ""),
    ("so embarrassed I want the ground to swallow me whole", ""),
    ("quarterly reviews = slow death by powerpoint", ""),
    ("I'm going to lose my mind if IT doesn't fix my login today", ""),
    ("my sourdough starter died. RIP Doughbert 😭", ""),
]

NEG_REPORTED = [
    ("my cousin's husband took her passport away, she's staying with my aunt now", ""),
    ("did you see the story about the guy who tracked his girlfriend with an airtag? terrifying", ""),
    ("Ana told me her boyfriend reads all her texts. should I say something to her?", ""),
    ("my coworker said her ex used to control all her money, she's only now rebuilding her credit", ""),
    ("heard on the radio there's a new helpline for people whose partners control their finances", ""),
    ("my dad used to threaten my mum when I was little. it still pops into my head sometimes", ""),
    ("the neighbour yelled that he'd kill his brother over the hedge again lol, they're always at it", ""),
    ("my friend's girlfriend said she'd hurt herself if he went on the stag do. he's really shaken", ""),
    ("article says 1 in 4 women experience domestic abuse, that's insane", ""),
    ("Jo's ex keeps turning up at her work. she's applying for a restraining order", ""),
    ("my brother said he'd 'end me' if I told mum about his tattoo 😂", ""),
    ("podcast today was about coercive control, made me appreciate us tbh ❤️", "warmth"),
    ("my sister's husband won't let her see her friends and I don't know how to help", ""),
    ("the lawyer said custody hearings can take months, so I'm trying to be patient", ""),
    ("in training today we learned the warning signs of suicide, heavy but useful", ""),
    ("my mate reckons his girlfriend checks his phone every night, is that normal??", ""),
    ("grandma says grandad used to hide the car keys so she couldn't leave. awful", ""),
    ("Priya says her flatmate threatened to chuck her stuff on the street. landlord's involved now", ""),
    ("the news said a woman was stalked for two years before anyone believed her", ""),
    ("one of my students wrote about her dad controlling the family money. didn't know what to say", ""),
]

NEG_SAFETY_TALK = [
    ("when you grabbed my wrist in the argument yesterday I felt really scared. can we talk about it?", "safety-talk"),
    ("my ex used to go through my phone, so when you picked mine up I panicked. it's not you, I just wanted you to know", "safety-talk"),
    ("I flinched earlier when you lifted your hand to wave. old stuff. thank you for always being gentle with me", "safety-talk encouragement"),
    ("it made me feel so safe when you said I can see my friends whenever I want", "safety-talk"),
    ("when you drove that fast on the way home I was frightened. can we talk about that?", "safety-talk"),
    ("I need to tell you something: my last relationship had a lot of control around money. that's why I tense up in our budget chats", "safety-talk"),
    ("can we talk about last night? when you punched the door I didn't feel safe", "safety-talk"),
    ("I feel safe with you in a way I never did with him. just needed to say it ❤️", "safety-talk warmth"),
    ("when you said 'you're not going' about the trip it reminded me of how he used to talk. I know you didn't mean it like that", "safety-talk"),
    ("I got scared when you shouted at me in the car. I know you said sorry, I just want us to talk about how it felt", "safety-talk"),
    ("my ex used to say he'd hurt himself whenever I tried to leave, so when you go quiet I sometimes panic. can we talk about that?", "safety-talk"),
    ("thank you for never asking for my passwords. you have no idea how much that means to me", "safety-talk encouragement"),
    ("I was frightened when you threw the glass. I think we need to see a counsellor about this", "safety-talk seek-help"),
    ("I'd like us to talk about how safe we both feel at home. is tonight ok?", "safety-talk"),
    ("when you held the door shut so I couldn't leave the room I felt trapped. that can't happen again", "safety-talk boundary"),
    ("when you took my keys to 'stop me driving upset' I felt controlled, even if you meant well", "safety-talk"),
    ("it helps me feel safe when you tell me where you're going, but I never want you to feel you HAVE to", "safety-talk space"),
    ("I still get jumpy when doors slam, from my childhood. it's not about you, I just wanted you to understand", "safety-talk"),
]

NEG_JEALOUSY = [
    ("who's Tom and why is he liking all your pics?", "suspicion"),
    ("who had you grinning at your phone all through dinner?", "suspicion"),
    ("'work drinks' my foot. it was you and her again, wasn't it", "suspicion"),
    ("ngl I got a bit jealous seeing you dance with Dan last night 😅", ""),
    ("why did you delete that message right before I sat down?", "suspicion"),
    ("what are you not telling me about the weekend?", "suspicion"),
    ("Show me your chat with him. Right now.", "suspicion pressure"),
    ("funny how your ex always texts when I'm away", "suspicion"),
    ("I don't love that you still follow her but it's your call", "space"),
    ("where were you really last night? and don't say the gym", "suspicion"),
    ("i feel insecure when you go quiet on nights out, can we talk about it?", "safety-talk"),
    ("I'm not trying to control you, I just felt left out when you went without me", ""),
    ("who is she? answer the question.", "suspicion pressure"),
    ("Your phone's been face down all week. What's going on?", "suspicion"),
    ("so that's the third 'late meeting' this week. convenient.", "suspicion sarcasm"),
    ("be honest, do you still have feelings for him?", "suspicion"),
    ("I trust you, I'm just a tiny bit jealous of how much time you spend with Lena lol", ""),
    ("why does he need your number for a 'project'? come on.", "suspicion"),
]

NEG_SABOTAGE = [
    ("you're honestly pathetic, you can't even load a dishwasher", "name-calling"),
    ("do the washing up tonight or I'm sleeping at my mum's", "threat"),
    ("we're going to my parents for christmas. end of story.", "domination"),
    ("forget our anniversary one more time and we're finished", "threat"),
    ("oh brilliant, you booked the wrong date AGAIN. genius.", "sarcasm"),
    ("you're so selfish, you only ever think about yourself", "judgment"),
    ("hello?? why aren't you replying?? answer me!!!", "pressure"),
    ("I'm buying the car I want, your opinion doesn't count on this one", "domination"),
    ("you're blowing this way out of proportion, it was one joke", "dismissal"),
    ("whatever. do what you want, I'm done talking", "dismissal"),
    ("it's not my fault the bills were late, you didn't remind me", "defensiveness"),
    ("just like at your brother's wedding, you embarrass me every single time", "past judgment"),
    ("we're moving to Bristol. I've decided, no more discussion", "domination"),
    ("you idiot, you dented the car", "name-calling"),
    ("go to that festival without me and I'll have moved out by the time you're back", "threat"),
    ("act your age and stop sulking, you big baby", "name-calling"),
    ("I'm not speaking to you until you apologise, simple as that", "threat"),
    ("I need an answer this second, not later, not tomorrow", "pressure"),
    ("no kisses until you say sorry 😤", "threat"),
    ("seriously, what kind of person leaves wet towels on a bed?", "judgment"),
    ("my way's the right one, there's nothing to discuss", "domination"),
    ("chill, it's literally just a parking ticket", "dismissal"),
    ("you have to come to my work do, no excuses, I already said yes for you", "pressure domination"),
    ("you did the same thing last summer, you always ruin holidays", "past judgment"),
    ("sort the garage this weekend or there's no date night, I mean it", "threat"),
]

NEG_AGREED_MONEY_LOC = [
    ("turned on location sharing for the hike like we agreed 👍", "promise"),
    ("since we both wanted it, I set up Find My for us. either of us can switch it off anytime", ""),
    ("budget meeting sunday? I'll bring the spreadsheet, you bring snacks", "promise"),
    ("can we each put 500 into the joint account on payday?", ""),
    ("moved 200 into savings like we planned", "promise"),
    ("do you want to keep separate accounts plus a joint one for bills? what feels fair to you?", "curiosity"),
    ("your netflix password is the same as mine right? the tv logged me out", ""),
    ("I'd rather we didn't share locations full time, is that ok with you?", "boundary"),
    ("you can see my location till I'm home from the night shift, I'll turn it off after", ""),
    ("payday's friday so I'll cover the rent this month", "promise"),
    ("let's both jot down what we spend this month and compare, no judgement", ""),
    ("sharing my location cos I'm walking back late, not because you asked, it just makes me feel better", ""),
    ("You manage your money, I manage mine, we split the house stuff. works for me", ""),
    ("wanna set a spending limit for the holiday together?", ""),
    ("here's the wifi password for the new router: tortoise42", ""),
    ("I'd like us both to have access to the savings account so neither of us is in the dark. thoughts?", "curiosity"),
    ("just saw on the map you're stuck in traffic, want me to start dinner?", ""),
    ("I'll keep my location on during the festival like you asked, makes sense with the crowds", "promise"),
]

NEG_CARE = [
    ("let me know you got back ok, the roads are icy ❤️", "warmth"),
    ("want me to come get you? it's pouring", ""),
    ("drink some water and eat something before the meds, you skipped lunch", ""),
    ("If anyone gives you trouble at the bar, call me and I'll come straight away", "promise"),
    ("please don't cut through the park alone at night, can I meet you at the station?", ""),
    ("msg me when u land pls, i worry 😘", "warmth"),
    ("I'll stay on the phone with you until you're inside", "promise"),
    ("you've been coughing for a week, I'd feel better if you saw a doctor. your call though", "space"),
    ("Are you ok? You sounded really down on the phone, what's going on for you?", "curiosity"),
    ("take my car tomorrow, yours is making that noise again", ""),
    ("I'll walk the dog tonight so you don't have to go out in the dark", "promise"),
    ("do you want me to come with you to the court date? no pressure", "space"),
    ("that guy from your work sounds dodgy, want me to come to the party with you?", ""),
    ("get home safe love xx", "warmth"),
    ("you look shattered, go to bed, I'll finish the dishes", "promise"),
    ("if your ex shows up again please call the police first and then me", ""),
    ("put a spare charger in your bag so your phone doesn't die on the trip", ""),
    ("happy to drive you to your mum's whenever you want to see her 💕", "warmth space"),
]

NEG_SADNESS = [
    ("today was awful. I just want to curl up under a blanket and cry", ""),
    ("I've felt so low lately, I think I need to talk to someone about it", "seek-help"),
    ("I'm exhausted, can we just order pizza and not talk about work", ""),
    ("missing my dad so much today. 3 years and it still hurts", ""),
    ("I'm really stressed about money this month, not gonna lie", ""),
    ("got rejected from another job. feeling like a failure tbh", ""),
    ("I cried in the car park after the meeting. I'm ok, just needed to let it out", ""),
    ("I don't have energy for anything this week", ""),
    ("everything feels heavy right now but I know it'll pass", ""),
    ("i just want to disappear into a book for the weekend and ignore the world", ""),
    ("I feel like I'm drowning in uni work", ""),
    ("sorry I've been quiet, it's been a rough week in my head", "accountability"),
    ("my anxiety is bad today, could you hold me tonight?", ""),
    ("booked a GP appointment to get my iron checked, so tired lately", ""),
    ("I wish I could sleep for a week", ""),
    ("honestly I hate my job so much I want to quit and move to a farm", ""),
    ("I feel invisible at work lately", ""),
    ("I'm not suicidal or anything, just really sad about grandma. I'll be ok", ""),
]

NEG_MEDICAL = [
    ("can you grab my prescription on your way? it's under my name", ""),
    ("the doctor upped my sertraline to 100mg, feeling a bit weird", ""),
    ("don't forget your antibiotics at 8", ""),
    ("I put the paracetamol on the top shelf so the kids can't reach", ""),
    ("pharmacist said not to mix these with alcohol so no wine for me tonight", ""),
    ("my appointment's at 3, I'll text you after", "promise"),
    ("blood test results came back fine!! 🎉", ""),
    ("do we still have ibuprofen? my back is killing me", ""),
    ("pill organiser sorted for the week 💊", ""),
    ("dentist says I need a root canal, end me", ""),
    ("I'm thinking of asking the doctor about coming off the pill, how do you feel about it?", "curiosity"),
    ("you're due your flu jab, want me to book us both in?", ""),
    ("leaflet says max 8 tablets in 24 hours, I've had 4 so I'm fine", ""),
    ("got my therapy intake call tomorrow, nervous but glad", "seek-help"),
    ("physio said the bruising is normal after a sports massage", ""),
    ("can you look after my meds while I'm in hospital so they don't go missing?", ""),
]

NEG_BOUNDARY = [
    ("give me an hour to cool down and then we'll pick this back up", "boundary"),
    ("I'm seeing my friends on Friday, and I'd like you to trust me on that", "boundary"),
    ("please don't read my messages, even if I leave my phone open. that's my space", "boundary"),
    ("no rush on the move decision, think it over properly, I'm not going anywhere", "space"),
    ("I'm not ready to talk about it yet. can we try tomorrow evening?", "boundary"),
    ("go to the concert, have the best time, see you Sunday 😊", "space"),
    ("I'd prefer to keep my own bank account, but happy to talk about a joint one for bills", "boundary"),
    ("I don't want to discuss my ex tonight. not off limits forever, just not tonight", "boundary"),
    ("we're both knackered, can we stop here and carry on over breakfast?", "boundary"),
    ("ok, tomorrow then. sleep well", "space"),
    ("I'm offline for the retreat this weekend, I'll call you Sunday when I'm back", "promise"),
    ("I'm not comfortable sharing my location 24/7 but I'll always tell you if I'm running late", "boundary promise"),
    ("I need some alone time tonight, nothing's wrong, just recharging", "boundary"),
    ("you don't have to reply straight away, I know you're at work", "space"),
    ("i'm allowed a bad day without explaining it. I'll talk when I'm ready", "boundary"),
    ("Let's sleep on it and talk after work tomorrow", "boundary"),
    ("I know you want an answer but I need the weekend to think. I'll tell you Monday", "boundary promise"),
    ("I'm keeping my passport in my own drawer, I just feel better having it myself", "boundary"),
]

NEG_MISC = [
    ("I'm leaving now, see you after work", ""),
    ("I've thought about it a lot and I want to end our relationship. I'm sorry.", ""),
    ("can I borrow your car keys? mine are at the office", ""),
    ("kids are with you this weekend and with me next, like the schedule says", ""),
    ("the immigration lawyer said we need our wedding photos for the visa interview", ""),
    ("passport renewal forms are on the table, do you need help filling yours in?", ""),
    ("I locked the back door, the latch is broken so use the front", ""),
    ("you look amazing in that dress 😍 but wear whatever you're comfy in", "warmth"),
    ("off to bed early, don't stay up too late love x", "warmth"),
    ("dinner's in the oven, eat whenever you're hungry", ""),
    ("we should get a lock for the bike shed, stuff keeps going missing", ""),
    ("my mum wants us for sunday lunch, no pressure if you'd rather rest", "space"),
    ("I'm never letting you go, you're stuck with me forever 😂❤️", "warmth"),
    ("I'd be lost without you", "warmth"),
    ("you're not going out in that storm, are you?? 😳", ""),
    ("I'll come by your flat at 7 to pick you up for the film", "promise"),
    ("ha I know your every move, pizza again? so predictable 😂", ""),
    ("gave my old bike to my nephew, I never ride it anymore", ""),
    ("cleared out my wardrobe and donated three bags, feels so good", ""),
    ("saying goodbye to the old flat today, weirdly emotional 🥲", ""),
    ("I'm done with this phone, the battery keeps dying. getting a new one saturday", ""),
]

POSITIVE_GROUPS = {
    "pos:physical-harm": POS_PHYSICAL,
    "pos:self-harm": POS_SELFHARM,
    "pos:coercive-control": POS_COERCIVE,
}
NEGATIVE_GROUPS = {
    "neg:hyperbole-jokes": NEG_HYPERBOLE,
    "neg:media-lyrics-games-sport": NEG_MEDIA,
    "neg:work-self-deprecation": NEG_WORK_SELF,
    "neg:reported-speech-news": NEG_REPORTED,
    "neg:safety-talk-past-harm": NEG_SAFETY_TALK,
    "neg:jealousy-suspicion": NEG_JEALOUSY,
    "neg:one-off-sabotage": NEG_SABOTAGE,
    "neg:agreed-location-budget": NEG_AGREED_MONEY_LOC,
    "neg:worried-care-protective": NEG_CARE,
    "neg:sadness-stress": NEG_SADNESS,
    "neg:medical-pharmacy": NEG_MEDICAL,
    "neg:boundary-space": NEG_BOUNDARY,
    "neg:misc-logistics-affection": NEG_MISC,
}


def main():
    rows = []
    for groups, is_pos in ((POSITIVE_GROUPS, True), (NEGATIVE_GROUPS, False)):
        for cat, items in groups.items():
            for text, labs in items:
                labels = labs.split()
                assert all(l in SPEC_IDS for l in labels), (text, labels)
                assert len(set(labels)) == len(labels), text
                assert ("danger" in labels) == is_pos, (cat, text)
                rows.append({"text": text, "labels": labels, "_cat": cat})

    texts = [r["text"] for r in rows]
    dupes = [t for t, c in Counter(t.lower() for t in texts).items() if c > 1]
    assert not dupes, dupes
    n_pos = sum("danger" in r["labels"] for r in rows)
    assert n_pos == 170, n_pos
    assert len(rows) - n_pos == 250, len(rows) - n_pos

    random.Random(SEED).shuffle(rows)
    order = ["danger"] + sorted(SPEC_IDS - {"danger"})
    with open(HERE / "messages.jsonl", "w", encoding="utf-8") as f:
        for i, r in enumerate(rows, 1):
            labels = sorted(r["labels"], key=order.index)
            f.write(json.dumps({"id": f"dd2-{i:03d}", "text": r["text"], "labels": labels},
                               ensure_ascii=False) + "\n")

    # count tables for NOTES.md
    cat_counts = Counter(r["_cat"] for r in rows)
    lab_counts = Counter(l for r in rows for l in r["labels"])
    pos_lab = Counter(l for r in rows if "danger" in r["labels"] for l in r["labels"])
    neg_lab = Counter(l for r in rows if "danger" not in r["labels"] for l in r["labels"])
    neutral = sum(not r["labels"] for r in rows)
    out = ["| category | messages |", "|---|---|"]
    for cat in list(POSITIVE_GROUPS) + list(NEGATIVE_GROUPS):
        out.append(f"| {cat} | {cat_counts[cat]} |")
    out.append(f"| **total** | {len(rows)} ({n_pos} danger, {len(rows) - n_pos} not) |")
    out += ["", "| label | all | in danger positives | in look-alikes |", "|---|---|---|---|"]
    for l in order:
        if lab_counts[l]:
            out.append(f"| `{l}` | {lab_counts[l]} | {pos_lab[l]} | {neg_lab[l]} |")
    out.append(f"| (none: `[]`) | {neutral} | 0 | {neutral} |")
    (HERE / "counts.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    print("\n".join(out))


if __name__ == "__main__":
    main()
