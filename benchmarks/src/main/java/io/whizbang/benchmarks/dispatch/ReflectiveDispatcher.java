package io.whizbang.benchmarks.dispatch;

import io.whizbang.annotations.Handles;
import io.whizbang.runtime.codec.Json;
import io.whizbang.runtime.codec.JsonCodec;
import io.whizbang.runtime.dispatch.HandlerContext;
import io.whizbang.runtime.dispatch.MessageDispatcher;
import io.whizbang.runtime.dispatch.UnknownMessageTypeException;
import io.whizbang.runtime.envelope.Envelope;
import io.whizbang.runtime.module.MessageType;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The baseline: the dispatcher a framework builds at run time by scanning the handler class for {@code @Handles}
 * methods and calling them with {@link Method#invoke}. It decodes with the same generated codecs, so the
 * difference measured is routing and invocation only.
 */
final class ReflectiveDispatcher implements MessageDispatcher {

  private record Route(JsonCodec<?> codec, Method method) {}

  private final Object handlers;
  private final Map<String, Route> routes = new HashMap<>();

  ReflectiveDispatcher(Object handlers, Iterable<MessageType<?>> types) {
    this.handlers = handlers;
    Map<Class<?>, MessageType<?>> byClass = new HashMap<>();
    types.forEach(type -> byClass.put(type.javaType(), type));
    for (Method method : handlers.getClass().getDeclaredMethods()) {
      // @Handles has class retention, so a reflective framework would match on the parameter type instead.
      if (method.getParameterCount() == 1 && byClass.containsKey(method.getParameterTypes()[0])) {
        MessageType<?> type = byClass.get(method.getParameterTypes()[0]);
        method.setAccessible(true);
        routes.put(type.wireName(), new Route(type.codec(), method));
      }
    }
  }

  @Override
  public String handlerName() {
    return handlers.getClass().getName() + " (reflective)";
  }

  @Override
  public Set<String> wireNames() {
    return routes.keySet();
  }

  @Override
  public void dispatch(Envelope envelope, HandlerContext context) throws Exception {
    Route route = routes.get(envelope.wireName());
    if (route == null) {
      throw new UnknownMessageTypeException(envelope.wireName());
    }
    route.method().invoke(handlers, Json.decode(route.codec(), envelope.payload()));
  }

  @SuppressWarnings("unused")
  private static final Class<?> MARKER = Handles.class;
}
