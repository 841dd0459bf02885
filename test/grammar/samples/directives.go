package main

// ai-posture-ignore-next-line AIP102 -- until 2027-01-31 reviewed
var key = "// ai-posture-ignore AIP102 -- a string"

var n = 1 /* ai-posture-ignore AIP103 -- block */
