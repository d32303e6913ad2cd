package io.virtforge.xml;

import java.util.Objects;

/**
 * A run of character data, with entity and character references already resolved (CDATA sections
 * become plain text too).
 *
 * @param text the characters, never null
 */
public record XmlText(String text) implements XmlNode {
    /** Checks that the text is not null. */
    public XmlText {
        Objects.requireNonNull(text, "text");
    }

    /** True when the text holds only XML whitespace (space, tab, CR, LF). */
    public boolean isWhitespace() {
        return XmlChars.isWhitespace(text, 0, text.length());
    }
}
