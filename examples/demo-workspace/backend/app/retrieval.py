"""Vector search over the help-center articles."""
from langchain_community.vectorstores import FAISS
from langchain_openai import AzureOpenAIEmbeddings

embeddings = AzureOpenAIEmbeddings(azure_deployment="text-embedding-3-large")


def load_index(path: str) -> FAISS:
    # The index is rebuilt nightly by a job and copied from a shared drive.
    return FAISS.load_local(path, embeddings, allow_dangerous_deserialization=True)


def search(index: FAISS, query: str, k: int = 8):
    return index.similarity_search(query, k=k)
