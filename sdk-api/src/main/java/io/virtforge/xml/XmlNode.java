package io.virtforge.xml;

/**
 * One node of Virtforge's immutable XML tree: an element, a run of text, a comment or a processing
 * instruction. The tree keeps everything a document says apart from formatting whitespace, so a
 * document read and written again loses nothing.
 */
public sealed interface XmlNode permits XmlElement, XmlText, XmlComment, XmlProcessingInstruction {
}
