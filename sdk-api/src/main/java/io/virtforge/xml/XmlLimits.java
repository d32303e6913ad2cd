package io.virtforge.xml;

/**
 * Bounds the parser enforces, so that hostile input costs bounded time and memory.
 *
 * @param maxChars      largest document accepted, in characters
 * @param maxDepth      deepest element nesting accepted
 * @param maxAttributes most attributes on one element
 */
public record XmlLimits(int maxChars, int maxDepth, int maxAttributes) {
    /** 10 MiB (virsh's own limit for XML files), depth 256, 256 attributes. */
    public static final XmlLimits DEFAULT = new XmlLimits(10 * 1024 * 1024, 256, 256);

    /** Checks that every bound is positive. */
    public XmlLimits {
        if (maxChars <= 0 || maxDepth <= 0 || maxAttributes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** The same limits with another size bound. */
    public XmlLimits withMaxChars(int chars) {
        return new XmlLimits(chars, maxDepth, maxAttributes);
    }
}
