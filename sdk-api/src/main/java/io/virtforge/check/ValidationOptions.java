package io.virtforge.check;

/**
 * Thresholds of the validator.
 *
 * @param overcommitWarning vCPUs per physical core above which OVERCOMMIT warns (the seed's guidance: 1:1)
 * @param overcommitError   vCPUs per physical core above which OVERCOMMIT is an error for domains
 *                          with dedicated (1:1 pinned) vCPUs (the seed's guidance: 2:1 at most in production)
 */
public record ValidationOptions(double overcommitWarning, double overcommitError) {
    /** 1:1 warning, 2:1 error. */
    public static final ValidationOptions DEFAULT = new ValidationOptions(1.0, 2.0);

    /** Checks the thresholds. */
    public ValidationOptions {
        if (overcommitWarning <= 0 || overcommitError < overcommitWarning) {
            throw new IllegalArgumentException("thresholds must be positive and warning <= error");
        }
    }
}
