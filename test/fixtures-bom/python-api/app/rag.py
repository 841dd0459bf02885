from langchain_core.prompts import ChatPromptTemplate
from langchain_openai import ChatOpenAI, OpenAIEmbeddings

llm = ChatOpenAI(model="gpt-4o", temperature=0)
embeddings = OpenAIEmbeddings(model="text-embedding-3-small")

prompt = ChatPromptTemplate.from_messages(
    [("system", "Answer from the context only.\n{context}"), ("user", "{question}")]
)


def answer_with_context(question: str) -> str:
    chain = prompt | llm
    return chain.invoke({"context": "", "question": question}).content
