import numpy as np
import requests


def fetch_scores(url: str) -> np.ndarray:
    response = requests.get(url, timeout=10)
    response.raise_for_status()
    return np.array(response.json()["scores"], dtype=float)
