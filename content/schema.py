"""What a bank file may hold: pydantic models that validate it and give its JSON Schema.

Only reading and checking a bank file imports this module (and pydantic); the questions
studied are the plain dataclasses of `content.questions`, made from these once valid.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, field_validator, model_validator

from content import questions as q
from content.matching import normalize

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    # strict: no coercion, so `difficulty: true` is not 1 and `answer: "yes"` is not True
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class _Common(_Strict):
    id: Slug
    prompt: Text
    explain: Text
    source: list[Text] = Field(default=[], description="verbatim quotes of the material the question stands on")
    topics: list[Text] = []
    difficulty: int = Field(default=2, ge=1, le=3)
    status: Literal["ready", "draft"] = Field(default="ready", description="draft: not studied until accepted")

    @field_validator("source", mode="before")
    @classmethod
    def _one_quote_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Short(_Common):
    type: Literal["short"] = "short"
    answer: Text
    accept: list[Text] = []


class Choice(_Common):
    type: Literal["choice"] = "choice"
    answer: Text
    options: list[Text] = Field(min_length=1, description="the wrong options")


class Multi(_Common):
    type: Literal["multi"] = "multi"
    answers: list[Text] = Field(min_length=1)
    options: list[Text] = Field(min_length=1, description="the wrong options")


class TrueFalse(_Common):
    type: Literal["truefalse"] = "truefalse"
    prompt: Text = "True or false?"
    statement: Text
    answer: bool


class Blank(_Strict):
    answer: Text
    accept: list[Text] = []


class Cloze(_Common):
    type: Literal["cloze"] = "cloze"
    prompt: Text = "Fill in the blanks."
    text: Text = Field(description=f"the sentence, with {q.BLANK} for each blank")
    blanks: list[Blank] = Field(min_length=1)
    any_order: bool = Field(default=False, description="the blanks are interchangeable: each answer is right "
                                                       "in any blank, once (\"investigations or prosecutions\")")

    @model_validator(mode="after")
    def _one_blank_each(self) -> Cloze:
        holes = self.text.count(q.BLANK)
        if holes != len(self.blanks):
            raise ValueError(
                f"text has {holes} blank(s) marked {q.BLANK} but {len(self.blanks)} answer(s) under blanks"
            )
        return self


class Item(_Strict):
    text: Text
    source: Text


class Order(_Common):
    type: Literal["order"] = "order"
    items: list[Item] = Field(min_length=2, description="in the right order, earliest first")
    source: list[Text] = []

    @model_validator(mode="after")
    def _distinct_items(self) -> Order:
        texts = [normalize(i.text) for i in self.items]
        if len(set(texts)) != len(texts):
            raise ValueError("items must be distinct")
        return self


class Match(_Common):
    type: Literal["match"] = "match"
    pairs: dict[Text, Text] = Field(min_length=2)

    @model_validator(mode="after")
    def _distinct_sides(self) -> Match:
        rights = [normalize(r) for r in self.pairs.values()]
        if len(set(rights)) != len(rights):
            raise ValueError("each item on the right of pairs must be distinct")
        return self


class Numeric(_Common):
    type: Literal["numeric"] = "numeric"
    answer: float = Field(allow_inf_nan=False)
    tolerance: float = Field(default=0.0, ge=0, allow_inf_nan=False,
                             description="any number within answer +- tolerance is right")


# Every question model above, told apart by `type`.
Question = Annotated[Union[tuple(_Common.__subclasses__())], Field(discriminator="type")]  # type: ignore[valid-type]


# One question on its own: a bank is validated question by question, so one bad question hides no other.
QUESTION: TypeAdapter[Any] = TypeAdapter(Question)


class Bank(_Strict):
    id: Slug
    title: Text
    material: Text = "material.md"
    questions: list[Question] = []


def to_question(model: BaseModel) -> q.Question:
    """The study-time question for a validated one."""
    return q.KINDS[model.type].from_data(model.model_dump(exclude={"type"}))


def bank_schema() -> dict[str, Any]:
    schema = Bank.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Tutor question bank", **{k: v for k, v in schema.items() if k != "title"}}
