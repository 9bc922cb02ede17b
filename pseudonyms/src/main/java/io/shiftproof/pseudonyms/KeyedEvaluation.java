package io.shiftproof.pseudonyms;

/**
 * One evaluator's answer together with the published key its proof must verify against. With a
 * split key a client holds one per evaluator, in the order the elements passed through them.
 */
public record KeyedEvaluation(EvaluationPublicKey publicKey, Evaluation evaluation) {}
