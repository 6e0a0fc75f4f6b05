"""A compact hand-kept thesaurus of general English: words a learner may use for the words a text uses.

Groups are near-synonyms in the register of news and history writing, in any inflected form (they are
stemmed where they are used). A question's word is searched together with the other words of its groups,
at a lower weight than the word itself, so a loose group costs a little ranking noise, never a lost match.
Phrasal verbs are rewritten to one word first, since their particles ("up", "back") are stopwords.
"""

from __future__ import annotations

import re

GROUPS: tuple[tuple[str, ...], ...] = (
    # founding, starting, ending
    ("create", "found", "establish", "form", "launch", "start", "begin", "initiate", "institute"),
    ("end", "finish", "conclude", "stop", "cease", "halt", "terminate"),
    ("want", "plan", "intend", "aim", "seek", "wish", "desire", "goal", "objective", "purpose"),
    ("try", "attempt", "effort", "strive", "endeavour", "endeavor"),
    # likeness, description, meaning
    ("compare", "liken", "equate", "comparison"),
    ("describe", "characterize", "characterise", "portray", "depict", "label", "call", "term"),
    ("appoint", "name", "nominate", "designate", "appointment"),
    # force and conflict
    ("suppress", "crush", "quell", "repress", "subdue", "defeat", "rout", "overwhelm", "overpower", "beat"),
    ("attack", "assault", "raid", "strike", "offensive", "ambush"),
    ("counter", "retaliate", "retaliation", "riposte"),
    ("fight", "combat", "battle", "clash", "war", "warfare", "conflict", "hostility", "hostilities"),
    ("fighter", "militant", "combatant", "guerrilla", "gunman", "militia"),
    ("jihadist", "jihadi", "islamist", "extremist", "radical", "fundamentalist", "hardliner"),
    ("insurrection", "rebellion", "uprising", "revolt", "insurgency", "mutiny"),
    ("capture", "seize", "takeover", "overrun", "occupy", "conquer", "overtake", "grab"),
    ("oust", "expel", "evict", "remove", "dislodge"),
    ("withdraw", "retreat", "leave", "depart", "exit", "quit", "pullout"),
    ("send", "deploy", "dispatch", "station", "deployment"),
    ("advance", "push", "march", "move", "progress", "offensive"),
    ("weapon", "arm", "arms", "gun", "firearm", "munition", "armament"),
    ("troop", "force", "soldier", "army", "military"),
    ("coup", "putsch", "overthrow"),
    ("abuse", "violation", "atrocity", "mistreatment"),
    ("kidnap", "abduct", "abduction", "hostage", "kidnapping"),
    ("arrest", "detain", "detention", "apprehend", "imprison", "jail", "custody"),
    ("question", "interrogate", "interrogation", "interview"),
    ("flee", "escape", "displace", "displacement", "refugee", "exile"),
    ("injure", "wound", "hurt", "injury"),
    # relations
    ("strain", "sour", "deteriorate", "worsen", "tense", "tension", "friction", "rift"),
    ("disagreement", "disagree", "dispute", "quarrel", "rivalry", "feud", "odds", "division"),
    ("relation", "relationship", "tie", "ties", "link"),
    ("join", "ally", "alliance", "align", "associate", "association", "affiliate", "partner", "coalition"),
    ("split", "divide", "splinter", "schism", "break"),
    ("agree", "accept", "consent", "approve", "endorse", "acceptance"),
    ("reject", "refuse", "dismiss", "deny", "decline", "refusal", "rejection"),
    ("help", "aid", "assist", "support", "back", "assistance"),
    ("protect", "defend", "guard", "defender", "protection", "defence", "defense"),
    ("mediate", "mediator", "broker", "facilitate", "mediation"),
    ("talk", "negotiation", "discussion", "dialogue"),
    ("meeting", "conference", "summit", "gathering", "congress"),
    ("organize", "organise", "organizer", "organiser", "arrange", "host", "convene", "stage"),
    ("agreement", "accord", "deal", "treaty", "pact", "settlement"),
    ("ask", "request", "demand", "appeal"),
    # saying and publishing
    ("announce", "declare", "proclaim", "announcement", "declaration"),
    ("claim", "allege", "assert", "contend"),
    ("publish", "release", "issue", "publication"),
    ("accuse", "blame", "charge", "accusation"),
    ("letter", "message", "missive", "note"),
    ("information", "intelligence", "info", "data", "tip"),
    ("bad", "wrong", "faulty", "false", "flawed", "incorrect", "mistaken", "inaccurate"),
    ("use", "employ", "utilize", "utilise", "exploit"),
    ("danger", "risk", "threat", "peril", "hazard"),
    ("doubt", "unclear", "uncertain", "uncertainty", "clear"),
    ("condition", "requirement", "precondition", "prerequisite", "term"),
    # causes and results
    ("cause", "trigger", "spark", "provoke", "prompt", "reason", "stem", "origin", "source"),
    ("consequence", "result", "effect", "outcome", "impact", "aftermath"),
    ("increase", "rise", "spike", "surge", "grow", "growth", "intensify", "escalate", "escalation", "expand",
     "spread"),
    ("decrease", "decline", "drop", "fall", "reduce", "shrink", "reduction"),
    ("prevent", "block", "hinder", "obstruct", "impede", "disrupt", "hamper", "stop", "obstacle", "barrier"),
    ("successful", "success", "succeed", "effective", "effectively"),
    # money and trade
    ("fund", "finance", "money", "funding", "financing", "bankroll", "income", "revenue", "cash", "pay"),
    ("trafficking", "traffic", "smuggling", "smuggle", "contraband", "trade"),
    ("drug", "narcotic"),
    ("poor", "impoverished", "poverty"),
    # people and places
    ("population", "inhabitant", "resident", "populace", "live", "reside", "inhabit"),
    ("big", "large", "size", "population"),
    ("person", "people", "individual"),
    ("man", "men"), ("woman", "women", "female"), ("child", "children", "kid", "minor"),
    ("youth", "young", "youngster"),
    ("herder", "herdsman", "pastoralist", "nomad", "shepherd", "pastoral"),
    ("tribe", "clan", "ethnic", "community", "ethnicity"),
    ("country", "nation", "state"),
    ("town", "city", "village", "settlement", "locality"),
    ("area", "region", "zone", "territory", "district", "province"),
    ("home", "homeland", "land", "territory"),
    ("base", "camp", "stronghold", "bastion", "hideout"),
    ("north", "northern"), ("south", "southern"), ("east", "eastern"), ("west", "western"),
    ("centre", "center", "central"),
    ("independence", "autonomy", "sovereignty", "secession", "separatist", "separatism", "self-rule"),
    ("election", "vote", "poll", "ballot", "voter"),
    ("government", "authority", "authorities", "administration", "regime"),
    ("colony", "colonial", "colonize", "colonise", "coloniser", "colonizer"),
    ("crisis", "turmoil", "chaos", "unrest", "instability", "upheaval", "disorder"),
    ("stable", "stability", "calm", "peaceful"),
    ("religion", "faith", "belief", "creed", "ideology", "doctrine"),
    ("islam", "islamic", "muslim"),
    ("grievance", "complaint", "resentment", "discontent", "frustration"),
    ("neglect", "marginalize", "marginalise", "ignore", "abandon", "exclude"),
    ("recruit", "recruitment", "enlist", "enrol", "enroll", "conscript"),
    ("advisor", "adviser", "counsellor", "counselor", "consultant"),
    ("post", "position", "role", "job", "office"),
    ("receive", "get", "obtain", "gain"),
    ("give", "provide", "supply", "offer", "grant"),
    ("return", "comeback"),
    ("fear", "worry", "concern", "anxiety"),
    ("important", "key", "main", "major", "principal", "primary", "significant", "crucial"),
    ("problem", "issue", "difficulty", "obstacle", "challenge", "hurdle"),
    ("bulk", "most", "majority", "mostly", "mainly", "largely", "predominantly"),
    ("comprise", "consist", "compose", "constitute"),
    ("former", "previous", "erstwhile", "ex", "veteran"),
    ("new", "recent", "latest"),
    ("soon", "quickly", "rapidly", "swiftly"),
    ("worst", "deadliest"),
    ("investigate", "investigation", "inquiry", "probe"),
    ("desert", "sahara"),
)

# Irregular forms of verbs -> their base form, so that "brought" finds "bring" (stemming cannot).
IRREGULAR: dict[str, str] = {
    form: base for base, forms in {
        "bring": "brought", "take": "took taken", "fight": "fought", "hold": "held", "begin": "began begun",
        "send": "sent", "make": "made", "give": "gave given", "get": "got gotten", "go": "went gone",
        "come": "came", "strike": "struck stricken", "see": "saw seen", "tell": "told", "say": "said",
        "pay": "paid", "think": "thought", "catch": "caught", "seek": "sought", "meet": "met", "run": "ran",
        "win": "won", "lose": "lost", "keep": "kept", "speak": "spoke spoken", "write": "wrote written",
        "choose": "chose chosen", "fall": "fell fallen", "grow": "grew grown", "know": "knew known",
        "rise": "rose risen", "drive": "drove driven", "break": "broke broken", "stand": "stood", "feel": "felt",
        "lead": "led", "buy": "bought", "sell": "sold", "teach": "taught", "flee": "fled", "hide": "hid hidden",
        "shoot": "shot", "build": "built", "spend": "spent", "lend": "lent", "leave": "left", "become": "became",
        "use": "used uses using", "withdraw": "withdrew withdrawn", "overthrow": "overthrew overthrown",
        "undertake": "undertook undertaken", "overtake": "overtook overtaken", "arise": "arose arisen",
    }.items() for form in forms.split()
}

# Phrasal verbs and set phrases -> one word of a group above (or a spelling the texts use).
_PHRASE_RULES: tuple[tuple[str, str], ...] = (
    (r"set(?:s|ting)?\s+up", "create"),
    (r"(?:hit|strike|struck|fight|fought)(?:s|ting|ing)?\s+back", "counter-attack"),
    (r"(?:put|putting|puts)\s+out", "publish"),
    (r"(?:put|putting|puts)\s+down", "suppress"),
    (r"(?:turn|turned|turning|turns)\s+down", "reject"),
    (r"(?:pull|pulled|pulling|pulls)\s+(?:out|back)", "withdraw"),
    (r"(?:drive|drove|driven|driving|kick|kicked|push|pushed|force|forced)\s+out", "oust"),
    (r"(?:come|came|coming|comes|go|went|going|goes|get|got|getting|gets)\s+back", "return"),
    (r"(?:break|broke|broken|breaking|breaks)\s+out", "begin"),
    (r"(?:break|broke|broken|breaking|breaks)\s+(?:up|away)", "split"),
    (r"(?:carry|carried|carrying|carries)\s+out", "conduct"),
    (r"(?:take|took|taken|taking|takes)\s+over", "takeover"),
    (r"at\s+odds", "disagreement"),
    (r"in\s+charge\s+of", "lead"),
    (r"fall(?:s|ing)?\s+out|fell\s+out", "strain"),
    (r"in\s+terms\s+of", " "),
    (r"(?:come|came|comes|coming)\s+from", "stem"),
    (r"(?:go|goes|going|went)\s+ahead", "proceed"),
)
_PHRASES = [(re.compile(rf"\b{pattern}\b", re.IGNORECASE), word) for pattern, word in _PHRASE_RULES]


def rewrite_phrases(text: str) -> str:
    """The text with its phrasal verbs as one word ("set up" -> "create"), for searching."""
    for pattern, word in _PHRASES:
        text = pattern.sub(word, text)
    return text
