// A live B1 hint while a consultant writes to a candidate: words per sentence and the
// Flesch-Douma reading ease (the Dutch Flesch formula). Without JavaScript the form works the
// same, only without the hint. The texts come translated from the page's data attributes.

// Dutch vowel sounds written with more letters count as one syllable (checked longest first).
const VOWEL_SOUNDS = /aai|ooi|oei|eeu|ieu|aa|ee|oo|uu|ie|oe|ou|au|ei|ij|ui|eu|[aeiouyàáâäèéêëìíîïòóôöùúûü]/g;
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const HAS_WORD = /[\p{L}\p{N}]/u;
const SENTENCE_END = /[.!?]+|\n\s*\n/;

/** Syllables of one word, counted as its vowel sounds (at least one). */
export function syllables(word) {
  const found = word.toLowerCase().match(VOWEL_SOUNDS);
  return Math.max(1, found ? found.length : 0);
}

/** Words, sentences, syllables, words per sentence and the Flesch-Douma score of `text`:
 * 206.835 − 0.93 × (words / sentences) − 77 × (syllables / words). */
export function readability(text) {
  const sentences = text.split(SENTENCE_END).filter((part) => HAS_WORD.test(part));
  const words = text.match(WORD) || [];
  if (words.length === 0) return null;
  const sentenceCount = Math.max(1, sentences.length);
  const syllableCount = words.reduce((sum, word) => sum + syllables(word), 0);
  const wordsPerSentence = words.length / sentenceCount;
  const score = 206.835 - 0.93 * wordsPerSentence - 77 * (syllableCount / words.length);
  return { words: words.length, sentences: sentenceCount, syllables: syllableCount,
           wordsPerSentence, score };
}

// B1 guidance: about 12 words a sentence at most, and a reading ease of 60 or more.
const MAX_WORDS_PER_SENTENCE = 12;
const MIN_SCORE = 60;

function setUp(input) {
  const output = document.getElementById(input.dataset.b1Input);
  if (!output) return;
  const lang = document.documentElement.lang || "nl";
  const oneDecimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  let timer;
  const show = () => {
    const result = readability(input.value);
    output.classList.remove("is-long", "is-hard", "is-easy");
    if (!result) {
      output.textContent = "";
      return;
    }
    const stats = output.dataset.stats
      .replace("{words}", oneDecimal.format(result.wordsPerSentence))
      .replace("{score}", whole.format(result.score));
    const verdict = result.wordsPerSentence > MAX_WORDS_PER_SENTENCE ? "long"
      : result.score < MIN_SCORE ? "hard" : "easy";
    output.classList.add(`is-${verdict}`);
    output.textContent = `${stats} ${output.dataset[verdict]}`;
  };
  // Wait for a pause in typing, so a screen reader is not interrupted at every key.
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(show, 700);
  });
  if (input.value.trim()) show();
}

for (const input of document.querySelectorAll("[data-b1-input]")) setUp(input);
