// Figures shared by the search benchmarks.

// The middle value (the upper middle of an even count).
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
