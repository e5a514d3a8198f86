//! Chat export importers (being written).
