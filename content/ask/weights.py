"""Every tuning weight of ask in one place: what each factor scales, and why it has its value.

The weights of the ranking features are fitted, and kept as data in ranking.tsv; those of the phrases that
answer "what" questions in phrases.tsv (bench/ask_bench.py --fit and --fit-phrases write them).
"""

# Sentences fetched from FTS5 before reranking.
CANDIDATES = 40
# Of those, how many the finer features (coverage, pairs of words, answer check) score.
RERANKED = 12
# Weight of the best two-sentence window around a sentence, against the sentence's own score, in the first stage.
CONTEXT = 0.2
# Weight of the BM25 of a sentence's paragraph as one block, in the first stage: its surroundings say the rest.
PARAGRAPH = 0.7
# A quote of more than this many sentences says too little about each of them.
PROMPT_SPAN = 2
# Characters from the question's words at which an answer counts as far (the far_answer feature is at most 1).
ANSWER_REACH = 80
# Part of the question's weight a neighbouring sentence must add for the passage to take it in too.
NEIGHBOUR_GAIN = 0.25
# A neighbour of the best sentence whose score is at most this far under the best joins the passage.
CLOSE_SECOND = 2.0
# Factor on what a next sentence opening with a pronoun adds, for the neighbour rule above.
CONTINUED = 1.5
# Postings (term occurrences in sentences) FTS5 may score per question: the commonest terms beyond
# it are scored in Python on the candidates only, which keeps a question fast on large materials.
POSTINGS = 1500
# Questions longer than this many distinct terms keep only their rarest ones.
MAX_TERMS = 48
# Probability (content/ask/abstain.tsv's model) that the best passage answers, under which ask says the material
# does not say: the highest that loses at most one point of hit rate on each set tuned on (the course's ask_dev and
# ask_eval, the 12 tuned SQuAD articles) against never abstaining. There the course's unanswerable development set
# gets no passage for 14/30 (13/30 with each question left out of the fit in turn); 0.15 gives 20/30 for 2.7 points
# of SQuAD, 0.5 24/30 for 15 to 27 points on every set (`bench/ask_bench.py --abstain` prints the curve).
MIN_ANSWERED = 0.09
# Scores (fitted ranking scores) at which the margin of the best passage over the next, and its own score, count
# as decisive: both features of the abstaining model are at most 1.
MARGIN_CAP = 20.0
# Characters after a count within which the noun it counts stands ("300 civilian men").
UNIT_REACH = 30
# Weight of a question's word found in the material through a thesaurus synonym, another form, a typo fix.
SYNONYM = 0.75
NEAR_FORM = 0.7
TYPO = 0.9
# Weight of the noun a "what/which NOUN" question asks about, in ranking.
FOCUS = 1.5
# Letters a question's word and another form of it in the material share at least.
PREFIX = 5
# Characters from the question's words within which a name answers a "which NOUN" question.
NAME_REACH = 25
# Of several answers in a sentence, those within this many characters of each other from the question's words
# count as equally near, and the longest of them wins (12 beats 25 and 50 on the SQuAD articles tuned on).
ANSWER_BUCKET = 12
# Probability among a sentence's candidate phrases that the best must have to be given as a "what" answer.
PHRASE_SURE = 0.0
