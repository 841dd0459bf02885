// ai-posture-ignore-next-line AIP501 -- until 2027-01-31 output is escaped later
export const html = '<p>'; // ai-posture-ignore AIP502 -- static
