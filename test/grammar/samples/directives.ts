// ai-posture-ignore-file AIP703 -- generated client
export const quoted = '// ai-posture-ignore AIP101 -- until 2027-01-31 a string, not a comment';
export const template = `/* ai-posture-ignore AIP101 */`;

// ai-posture-ignore-next-line AIP203,AIP201 -- reviewed until 2027-01-31
export const model = 'gpt-4o'; // ai-posture-ignore AIP102 -- pinned by policy

/* ai-posture-ignore AIP105 -- block comment */
/**
 * A documented constant.
 * ai-posture-ignore-next-line AIP106 -- doc comment until 2027-06-30
 */
export const limit = 1; /* ai-posture-ignore AIP107*/
