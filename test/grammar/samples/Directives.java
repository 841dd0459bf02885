class Directives {
    // ai-posture-ignore-next-line AIP102 -- until 2027-01-31 reviewed
    String key = "// ai-posture-ignore AIP102 -- a string";
    int n = 1; /* ai-posture-ignore AIP103 -- block */
}
