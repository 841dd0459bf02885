# ai-posture-ignore-file AIP703 -- notebook export, reviewed
import pickle

x = 1  # ai-posture-ignore AIP102 -- until 2027-01-31 reason
model = pickle.load(open("m.pkl", "rb"))  # ai-posture-ignore AIP201,AIP202 -- trusted cache
# Audit note, then the directive on its own line:
# ai-posture-ignore-next-line AIP203, AIP201 -- vendored until 2026-12-31
trust = True  # noqa: E501 ai-posture-ignore AIP301 -- after another marker
s = "# ai-posture-ignore AIP102 -- until 2027-01-31 not a comment"
doc = """
# ai-posture-ignore AIP102 -- inside a docstring
"""
bad = 2  # ai-posture-ignore AIP10 forgot the separator.
