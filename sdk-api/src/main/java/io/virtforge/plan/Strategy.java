package io.virtforge.plan;

/** Which of the fitting nodes the planner prefers. */
public enum Strategy {
    /** The fullest nodes first, keeping empty nodes free for large domains. */
    PACK,
    /** The emptiest nodes first, spreading load. */
    SPREAD
}
