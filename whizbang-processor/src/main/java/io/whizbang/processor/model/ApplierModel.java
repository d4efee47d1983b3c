package io.whizbang.processor.model;

import javax.lang.model.element.ExecutableElement;

/**
 * One {@code @Applies} method.
 *
 * @param returnsState whether it returns the next state; otherwise it returns void and changes the state in place
 * @param element the method, for diagnostics of whole-compilation checks
 */
public record ApplierModel(String name, MessageModel event, boolean returnsState, ExecutableElement element) {}
