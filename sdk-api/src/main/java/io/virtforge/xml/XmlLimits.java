package io.virtforge.xml;

/**
 * Bounds the parser enforces, so that hostile input costs bounded time and memory.
 *
 * @param maxChars      largest document accepted, in characters
 * @param maxDepth      deepest element nesting accepted, at most {@link #MAX_DEPTH}
 * @param maxAttributes most attributes on one element
 */
public record XmlLimits(int maxChars, int maxDepth, int maxAttributes) {
    /**
     * The largest nesting limit that may be configured (libxml2's own bound with XML_PARSE_HUGE). The
     * parser and writer do not recurse, but a tree is still walked recursively by equality, hashing and
     * the typed model, and this keeps those walks far from the stack's end.
     */
    public static final int MAX_DEPTH = 2048;

    /** 10 MiB (virsh's own limit for XML files), depth 256, 256 attributes. */
    public static final XmlLimits DEFAULT = new XmlLimits(10 * 1024 * 1024, 256, 256);

    /** Checks that every bound is positive and the depth at most {@link #MAX_DEPTH}. */
    public XmlLimits {
        if (maxChars <= 0 || maxDepth <= 0 || maxAttributes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("maxDepth " + maxDepth + " is above the largest allowed, " + MAX_DEPTH);
        }
    }

    /** The same limits with another size bound. */
    public XmlLimits withMaxChars(int chars) {
        return new XmlLimits(chars, maxDepth, maxAttributes);
    }

    /** The same limits with another nesting bound. */
    public XmlLimits withMaxDepth(int depth) {
        return new XmlLimits(maxChars, depth, maxAttributes);
    }
}
