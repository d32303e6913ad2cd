package io.virtforge.xml;

import java.util.Objects;

/**
 * A processing instruction ({@code <?target data?>}) inside the root element, kept verbatim.
 *
 * @param target the instruction's target name
 * @param data   the rest, possibly empty
 */
public record XmlProcessingInstruction(String target, String data) implements XmlNode {
    /** Checks that neither part is null. */
    public XmlProcessingInstruction {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(data, "data");
    }
}
