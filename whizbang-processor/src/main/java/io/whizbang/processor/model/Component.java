package io.whizbang.processor.model;

/**
 * One record component as the codec sees it.
 *
 * @param name the component (and JSON field) name
 * @param type its JSON shape
 * @param nullable annotated with an annotation named {@code Nullable}: may be absent from the JSON (reads as null)
 */
public record Component(String name, ValueType type, boolean nullable) {}
