"""Local cross-encoder reranker and a cached intent classifier."""
import pickle

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

RERANKER = "BAAI/bge-reranker-base"
tokenizer = AutoTokenizer.from_pretrained(RERANKER)
model = AutoModelForSequenceClassification.from_pretrained(
    RERANKER,
    trust_remote_code=True,
    use_safetensors=False,
)
model.load_state_dict(torch.load("models/reranker-finetuned.pt"))

with open("models/intent-classifier.pkl", "rb") as handle:
    intent_classifier = pickle.load(handle)


def rerank(query: str, documents: list, top_k: int = 4) -> list:
    pairs = [(query, doc.page_content) for doc in documents]
    features = tokenizer(pairs, padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        scores = model(**features).logits.squeeze(-1)
    ranked = sorted(zip(scores.tolist(), documents), key=lambda pair: pair[0], reverse=True)
    return [doc for _, doc in ranked[:top_k]]
