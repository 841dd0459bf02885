/**
 * Connection strings that carry a password or an account key (AIP205: a prompt that holds one
 * hands it to the model and to anyone who extracts the prompt). A password is not random, so the
 * check is for placeholders only: `password`, `<password>`, `${DB_PASSWORD}`, `****`, `{pwd}`.
 */

export interface ConnectionSecret {
  start: number;
  end: number;
  value: string;
  /** `PostgreSQL URL`, `Azure Storage connection string`, … */
  label: string;
}

/** Literals of which one must occur for a connection string to be looked for. */
export const CONNECTION_TRIGGERS = [
  'postgres://',
  'postgresql://',
  'mysql://',
  'mongodb://',
  'mongodb+srv://',
  'redis://',
  'rediss://',
  'amqp://',
  'amqps://',
  'mssql://',
  'AccountKey=',
  'Password=',
  'password=',
  'Pwd=',
];

const URL_WITH_PASSWORD = /\b(postgres(?:ql)?|mysql|mongodb(?:\+srv)?|rediss?|amqps?|mssql):\/\/[^\s:/@'"`]*:([^\s@/'"`]+)@[^\s/'"`]+/gi;
const KEY_VALUE = /\b(AccountKey|Password|Pwd|SharedAccessKey)=([^;'"`\s]+)/gi;
const SCHEME_LABEL: Record<string, string> = {
  postgres: 'PostgreSQL',
  postgresql: 'PostgreSQL',
  mysql: 'MySQL',
  mongodb: 'MongoDB',
  'mongodb+srv': 'MongoDB',
  redis: 'Redis',
  rediss: 'Redis',
  amqp: 'AMQP',
  amqps: 'AMQP',
  mssql: 'SQL Server',
};
const PLACEHOLDER_PASSWORD = /^(?:(?:pass(?:word)?|pwd|secret|changeme|example)\d*|x+|\*+|\.+|<.*>|\{.*\}|\$.*|%.*%|your[\w-]*|\[.*\])$/i;
/** Default passwords of local development databases and images: not a secret anyone holds. */
const DEFAULT_PASSWORDS = new Set(['postgres', 'root', 'admin', 'guest', 'test', 'mysql', 'mongo', 'redis', 'sa', 'user', 'dev']);

/** A key that, on the same line as `Password=`, makes it a connection string (ADO.NET, Azure Storage, Service Bus). */
const CONNECTION_PARTNER = /\b(?:Server|Data Source|Host|AccountName|Endpoint|Initial Catalog|Database)=/i;

function lineAround(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at) + 1;
  const end = text.indexOf('\n', at);
  return text.slice(start, end < 0 ? text.length : end);
}

export function findConnectionSecrets(text: string): ConnectionSecret[] {
  if (!CONNECTION_TRIGGERS.some((trigger) => text.includes(trigger))) return [];
  const found: ConnectionSecret[] = [];
  for (const match of text.matchAll(URL_WITH_PASSWORD)) {
    const password = match[2];
    if (PLACEHOLDER_PASSWORD.test(password) || DEFAULT_PASSWORDS.has(password.toLowerCase())) continue;
    const start = (match.index ?? 0) + match[0].indexOf(`:${password}@`) + 1;
    found.push({
      start,
      end: start + password.length,
      value: password,
      label: `The password of a ${SCHEME_LABEL[match[1].toLowerCase()]} connection URL`,
    });
  }
  for (const match of text.matchAll(KEY_VALUE)) {
    const secret = match[2];
    // `Password=` alone is any command line or properties file; a connection string names its server too.
    if (!CONNECTION_PARTNER.test(lineAround(text, match.index ?? 0))) continue;
    if (PLACEHOLDER_PASSWORD.test(secret) || secret.length < 4) continue;
    const start = (match.index ?? 0) + match[1].length + 1;
    const label = /accountkey/i.test(match[1]) ? 'An Azure Storage account key' : `The ${match[1]} of a connection string`;
    found.push({ start, end: start + secret.length, value: secret, label });
  }
  return found.sort((a, b) => a.start - b.start);
}
