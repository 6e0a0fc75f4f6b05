"""Every tuning weight of ask in one place: what each factor scales, and why it has its value."""

# Sentences fetched from FTS5 before reranking.
CANDIDATES = 40
# Of those, how many the finer features (coverage, pairs of words, answer check) score.
RERANKED = 12
# Weight of the best two-sentence window around a sentence, against the sentence's own score.
CONTEXT = 0.2
# Weight of the window before a sentence that opens with a pronoun ("It is ..."): what the pronoun stands for.
CONTINUES = 0.2
# Weight of the BM25 of a sentence's paragraph as one block: the sentence's surroundings say the rest.
PARAGRAPH = 0.7
# Weight of the bank's questions that cite a sentence: people ask about a fact in the words the bank's author
# used more often than in the material's (a bank is a set of paraphrases of its sentences).
ASKED_LIKE = 0.5
# A quote of more than this many sentences says too little about each of them.
PROMPT_SPAN = 2
# Score factor of a sentence that holds no answer of the kind asked for, by kind.
NO_ANSWER = {"who": 0.7, "when": 0.7, "where": 0.7, "how many": 0.6}
# Score factor of a sentence whose answer stands ANSWER_REACH characters or more from the question's words.
FAR_ANSWER = 0.9
ANSWER_REACH = 80
# Score factor of the sentence that defines the acronym or name asked about.
DEFINES = 2.0
# Part of the question's weight a neighbouring sentence must add for the passage to take it in too.
NEIGHBOUR_GAIN = 0.25
# A neighbour of the best sentence whose score is at least this part of its score joins the passage.
CLOSE_SECOND = 0.8
# Weight, against BM25, of two neighbouring words of the question side by side in a sentence (their lesser IDF).
PROXIMITY = 0.5
# Factor on what a next sentence opening with a pronoun adds, for the neighbour rule above.
CONTINUED = 1.5
# Postings (term occurrences in sentences) FTS5 may score per question: the commonest terms beyond
# it are scored in Python on the candidates only, which keeps a question fast on large materials.
POSTINGS = 1500
# Questions longer than this many distinct terms keep only their rarest ones.
MAX_TERMS = 48
# Part of the question's weight (IDF) that the best passage must match to count as an answer.
MIN_COVERAGE = 0.3
# Score factor of the sentence defining the name a question asks the meaning of ("stand for", "full name").
NAMED_DEFINITION = 10.0
# Score factor of a sentence that gives a cause, for a "why" question.
GIVES_CAUSE = 1.3
# Weight of a question's word found in the material through a thesaurus synonym, another form, a typo fix.
SYNONYM = 0.75
NEAR_FORM = 0.7
TYPO = 0.9
# Weight of the noun a "what/which NOUN" question asks about, in ranking; factor of a sentence without it.
FOCUS = 1.5
NO_FOCUS = 1.0
# Score factor of a sentence that says who did what a "who" question asks about ("created ... by X").
NAMES_AGENT = 1.15
# Letters a question's word and another form of it in the material share at least.
PREFIX = 5
# Weight of the part of the question's weight a sentence matches (BM25 saturates; this counts breadth).
COVERAGE = 12.0
# Weight of each pair of the question's neighbouring words found side by side in a sentence.
PAIRS = 0.5
# Weight of the log of a sentence's length in terms: a long sentence matches more by chance.
LENGTH = -0.5
# Characters from the question's words within which a name answers a "which NOUN" question.
NAME_REACH = 25
# Of several answers in a sentence, those within this many characters of each other from the question's words
# count as equally near, and the longest of them wins (12 beats 25 and 50 on the SQuAD articles tuned on).
ANSWER_BUCKET = 12
# Probability among a sentence's candidate phrases that the best must have to be given as a "what" answer.
PHRASE_SURE = 0.0
