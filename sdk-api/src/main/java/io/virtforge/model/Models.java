package io.virtforge.model;

import io.virtforge.xml.XmlElement;

/** Small shared helpers of the model classes. */
final class Models {
    private Models() {
    }

    /**
     * Builds a leaf model from attribute name/value pairs (null values are left out), through the
     * model's own reader so that it is checked like parsed XML.
     */
    static <M> M build(String name, ModelReader<M> reader, Object... attributes) {
        XmlElement.Builder b = XmlElement.builder(name);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                b.attribute((String) attributes[i], ModelBuilder.format(attributes[i + 1]));
            }
        }
        return reader.read(b.build(), ParseContext.create());
    }
}
