/**
 * Who is reading a chart: the person themself ("your main sleep", "Select a night…") or a
 * researcher looking at a participant read-only ("the participant's main sleep", nothing to select).
 */
export type Audience = "self" | "researcher";

export function wordsFor(audience: Audience) {
  return audience === "researcher"
    ? { your: "the participant's", yourCap: "The participant's", you: "they" }
    : { your: "your", yourCap: "Your", you: "you" };
}
