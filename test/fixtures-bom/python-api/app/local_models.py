from datasets import load_dataset
from transformers import AutoTokenizer, pipeline

generator = pipeline("text-generation", model="meta-llama/Llama-3.2-1B-Instruct")
tokenizer = AutoTokenizer.from_pretrained("sentence-transformers/all-MiniLM-L6-v2")
eval_set = load_dataset("rajpurkar/squad", split="validation[:100]")
local_csv = load_dataset("csv", data_files="data/tickets.csv")
