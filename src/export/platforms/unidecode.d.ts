declare module 'unidecode' {
  /** ASCII transliteration of any Unicode text. */
  export default function unidecode(text: string): string;
}
