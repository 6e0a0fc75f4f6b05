"""Ask the material: a learner's question answered with the sentence of the material that answers it.

- `index`: the material's sentences (and the bank's questions citing them) in FTS5, with alias groups;
- `aliases`: names that stand for the same thing, from the material and from a bank;
- `query`: the question as weighted concepts (synonyms, word forms, typo fixes);
- `rank`: candidates from FTS5 reranked, and the reply;
- `answer`: what kind of answer the question asks for, and the short answer a sentence gives;
- `abstain`: whether the best passage answers at all (fitted evidence: abstain.tsv);
- `weights`: every tuning factor.
"""

from content.ask.index import Index
from content.ask.rank import Reply, ask

__all__ = ["Index", "Reply", "ask"]
