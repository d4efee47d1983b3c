package io.whizbang.processor.model;

import javax.lang.model.element.ExecutableElement;

/**
 * One {@code @Handles} method.
 *
 * @param withContext whether it takes the HandlerContext as a second parameter
 * @param element the method, for diagnostics of whole-compilation checks
 */
public record HandlerMethodModel(String name, MessageModel message, boolean withContext, ExecutableElement element) {}
