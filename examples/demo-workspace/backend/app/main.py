"""HTTP API of the support assistant."""
import os

from fastapi import FastAPI
from openai import AzureOpenAI
from pydantic import BaseModel

from .retrieval import load_index, search
from .reranker import rerank

app = FastAPI(title="Support Copilot")
client = AzureOpenAI(
    azure_endpoint="https://contoso-support.openai.azure.com",
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
    api_version="2024-10-21",
)
index = load_index("data/faiss-index")

SYSTEM_PROMPT = "You are a support assistant for Contoso. Answer only from the provided articles."


class Question(BaseModel):
    text: str


@app.post("/ask")
def ask(question: Question) -> dict:
    articles = rerank(question.text, search(index, question.text))
    context = "\n\n".join(article.page_content for article in articles)
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": f"Articles:\n{context}\n\nQuestion: {question.text}"},
        ],
        max_tokens=600,
    )
    return {"answer": completion.choices[0].message.content}
