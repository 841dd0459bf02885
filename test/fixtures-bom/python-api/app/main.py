"""Support assistant API."""
import os

from fastapi import FastAPI
from openai import OpenAI
from pydantic import BaseModel

from .rag import answer_with_context

app = FastAPI()
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])


class Question(BaseModel):
    text: str


@app.post("/ask")
def ask(question: Question) -> dict:
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "You answer support questions."},
            {"role": "user", "content": question.text},
        ],
    )
    return {"answer": completion.choices[0].message.content}


@app.post("/ask-with-docs")
def ask_with_docs(question: Question) -> dict:
    return {"answer": answer_with_context(question.text)}
