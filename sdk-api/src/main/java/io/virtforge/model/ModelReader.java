package io.virtforge.model;

import io.virtforge.xml.XmlElement;

/** Builds one model class from its element; the parse path of every model class. */
@FunctionalInterface
interface ModelReader<T> {
    T read(XmlElement element, ParseContext context);
}
