package io.whizbang.processor.validate;

import io.whizbang.processor.diagnostics.Problem;
import io.whizbang.processor.diagnostics.Reporter;
import io.whizbang.processor.model.HandlerClassModel;
import io.whizbang.processor.model.HandlerMethodModel;
import io.whizbang.processor.model.MessageModel;
import io.whizbang.processor.model.ModuleModel;
import io.whizbang.processor.model.Names;
import io.whizbang.processor.model.ServiceModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;

/**
 * Whole-compilation checks that no single type can make: unique wire names, one handler per command, commands
 * handled only by their owning service, projections folding only their source's events. Then it places the
 * module. Every problem is reported before the result is returned.
 */
public final class CompilationValidator {

  private final Reporter reporter;

  public CompilationValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * Checks the compilation and describes its module; empty when there is nothing to generate or after a report.
   */
  public Optional<ModuleModel> validate(List<MessageModel> messages, List<HandlerClassModel> handlers,
      Optional<ServiceModel> service) {
    boolean ok = uniqueWireNames(messages);
    ok &= handlersFitOwnership(handlers, service);
    if (messages.isEmpty() && handlers.isEmpty()) {
      if (service.isEmpty()) {
        return Optional.empty();
      }
      // Still generate the module: code that names it compiles, and the warning says why it is empty.
      reporter.report(Problem.SERVICE_WITHOUT_CONTENTS, service.get().origin(), service.get().name(),
          Names.module(service.get().packageName(), service.get().name()).simpleName());
    }
    Optional<String> modulePackage = service.map(ServiceModel::packageName).or(() -> commonPackage(messages,
        handlers));
    if (modulePackage.isEmpty()) {
      Element where = messages.isEmpty() ? handlers.get(0).origin() : messages.get(0).origin();
      reporter.report(Problem.NO_MODULE_PACKAGE, where);
      return Optional.empty();
    }
    for (HandlerClassModel handler : handlers) {
      if (!handler.isPublic() && !handler.type().packageName().equals(modulePackage.get())) {
        reporter.report(Problem.HANDLER_CLASS_SHAPE, handler.origin(), handler.type().canonicalName(),
            "not public, but the generated module in package " + modulePackage.get() + " takes it as a parameter");
        ok = false;
      }
    }
    if (!ok) {
      return Optional.empty();
    }
    String name = service.map(ServiceModel::name).orElse(modulePackage.get());
    List<Element> origins = new ArrayList<>();
    service.ifPresent(s -> origins.add(s.origin()));
    messages.forEach(m -> origins.add(m.origin()));
    handlers.forEach(h -> origins.add(h.origin()));
    return Optional.of(new ModuleModel(Names.module(modulePackage.get(), name), name,
        service.map(ServiceModel::owns).orElse(List.of()), messages, handlers, origins));
  }

  private boolean uniqueWireNames(List<MessageModel> messages) {
    boolean ok = true;
    Map<String, MessageModel> byWireName = new HashMap<>();
    for (MessageModel message : messages) {
      MessageModel first = byWireName.putIfAbsent(message.wireName(), message);
      if (first != null) {
        reporter.report(Problem.DUPLICATE_WIRE_NAME, message.origin(), message.wireName(),
            message.type().canonicalName(), first.type().canonicalName());
        ok = false;
      }
    }
    return ok;
  }

  private boolean handlersFitOwnership(List<HandlerClassModel> handlers, Optional<ServiceModel> service) {
    boolean ok = true;
    Map<String, HandlerMethodModel> commandHandlers = new HashMap<>();
    for (HandlerClassModel handler : handlers) {
      Map<String, HandlerMethodModel> inClass = new HashMap<>();
      for (HandlerMethodModel method : handler.methods()) {
        MessageModel message = method.message();
        HandlerMethodModel sameClass = inClass.putIfAbsent(message.wireName(), method);
        if (sameClass != null) {
          reporter.report(Problem.MESSAGE_HANDLED_TWICE_IN_CLASS, method.element(), message.type().simpleName(),
              handler.type().simpleName(), sameClass.name(), method.name());
          ok = false;
          continue;
        }
        ok &= handler.projection().isPresent()
            ? projectionFits(handler, handler.projection().get(), method)
            : commandFits(handler, method, service, commandHandlers);
      }
    }
    return ok;
  }

  private boolean projectionFits(HandlerClassModel handler, HandlerClassModel.ProjectionModel projection,
      HandlerMethodModel method) {
    MessageModel message = method.message();
    if (message.kind() == MessageModel.Kind.COMMAND) {
      reporter.report(Problem.PROJECTION_HANDLES_COMMAND, method.element(), handler.type().simpleName(),
          message.type().simpleName());
      return false;
    }
    if (!message.domain().equals(projection.source())) {
      reporter.report(Problem.PROJECTION_FOREIGN_EVENT, method.element(), handler.type().simpleName(),
          projection.source(), message.type().simpleName(), message.domain());
      return false;
    }
    return true;
  }

  private boolean commandFits(HandlerClassModel handler, HandlerMethodModel method, Optional<ServiceModel> service,
      Map<String, HandlerMethodModel> commandHandlers) {
    MessageModel message = method.message();
    if (message.kind() != MessageModel.Kind.COMMAND) {
      return true;
    }
    if (service.isEmpty() || !service.get().owns().contains(message.domain())) {
      String why = service.isEmpty() ? " (this compilation declares no @WhizbangService)"
          : " (service \"" + service.get().name() + "\" owns " + service.get().owns() + ")";
      reporter.report(Problem.COMMAND_HANDLED_OUTSIDE_OWNER, method.element(), handler.type().simpleName(),
          message.type().simpleName(), message.domain(), why, message.domain());
      return false;
    }
    HandlerMethodModel first = commandHandlers.putIfAbsent(message.wireName(), method);
    if (first != null) {
      reporter.report(Problem.COMMAND_HANDLED_TWICE, method.element(), message.type().simpleName(),
          first.element().getEnclosingElement().getSimpleName() + "." + first.name(),
          handler.type().simpleName() + "." + method.name());
      return false;
    }
    return true;
  }

  private static Optional<String> commonPackage(List<MessageModel> messages, List<HandlerClassModel> handlers) {
    List<String> packages = new ArrayList<>();
    messages.stream().filter(MessageModel::inCompilation).forEach(m -> packages.add(m.type().packageName()));
    handlers.forEach(h -> packages.add(h.type().packageName()));
    if (packages.isEmpty()) {
      return Optional.empty();
    }
    String common = packages.get(0);
    for (String p : packages) {
      while (!(p.equals(common) || p.startsWith(common + "."))) {
        int dot = common.lastIndexOf('.');
        common = dot < 0 ? "" : common.substring(0, dot);
        if (common.isEmpty()) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(common);
  }
}
