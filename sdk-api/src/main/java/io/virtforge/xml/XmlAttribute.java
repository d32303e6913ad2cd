package io.virtforge.xml;

/**
 * One attribute of an element, name as written (with its prefix, if any) and value with references
 * resolved.
 *
 * @param name  qualified name, e.g. {@code unit} or {@code xmlns:qemu}
 * @param value the value
 */
public record XmlAttribute(String name, String value) {
}
