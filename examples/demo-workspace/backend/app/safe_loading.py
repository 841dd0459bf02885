"""How the team loads checkpoints safely (AI Posture stays silent here)."""
import torch
from safetensors.torch import load_file
from transformers import AutoModel

PINNED = "3f2b6c1e9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c"


def load_encoder():
    return AutoModel.from_pretrained("intfloat/e5-small-v2", revision=PINNED)


def load_head(path: str):
    return torch.load(path, weights_only=True)


def load_adapter(path: str):
    return load_file(path)
