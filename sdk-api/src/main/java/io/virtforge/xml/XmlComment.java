package io.virtforge.xml;

import java.util.Objects;

/**
 * A comment ({@code <!--text-->}), kept so that documents come back out as they went in.
 *
 * @param text what is between {@code <!--} and {@code -->}
 */
public record XmlComment(String text) implements XmlNode {
    /** Checks that the text is not null, holds only XML characters and cannot end the comment early. */
    public XmlComment {
        Objects.requireNonNull(text, "text");
        if (text.contains("--") || text.endsWith("-")) {
            throw new IllegalArgumentException("a comment may not contain '--' or end with '-'");
        }
        XmlElement.Builder.checkChars(text, "a comment");
    }
}
