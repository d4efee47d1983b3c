package io.whizbang.processor.write;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.whizbang.processor.model.ValueType;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The simple names a generated file refers to types by. A field, parameter or local of the same name would hide
 * the type ({@code SKU.values()} no longer compiles next to a constant {@code SKU}; a local {@code Optional} hides
 * {@code Optional.empty()}), so generated variables are allocated around them.
 */
final class ReservedNames {

  private final Set<String> names = new LinkedHashSet<>();

  ReservedNames add(TypeName type) {
    if (type instanceof ClassName className) {
      names.addAll(className.simpleNames());
      // A qualified name, written when two imports clash, starts with a package that a variable would hide too.
      String packageName = className.packageName();
      if (!packageName.isEmpty()) {
        names.add(packageName.contains(".") ? packageName.substring(0, packageName.indexOf('.')) : packageName);
      }
    } else if (type instanceof ParameterizedTypeName parameterized) {
      add(parameterized.rawType());
      parameterized.typeArguments().forEach(this::add);
    } else if (type instanceof ArrayTypeName array) {
      add(array.componentType());
    } else if (type instanceof WildcardTypeName wildcard) {
      wildcard.upperBounds().forEach(this::add);
      wildcard.lowerBounds().forEach(this::add);
    }
    return this;
  }

  /** The value's Java type and every type its codec expression names (enum types, record codecs). */
  ReservedNames add(ValueType type) {
    add(type.javaType());
    if (type instanceof ValueType.RecordValue record) {
      add(record.codec());
    } else if (type instanceof ValueType.CollectionValue collection) {
      add(collection.element());
    } else if (type instanceof ValueType.MapValue map) {
      add(map.key().javaType());
      add(map.value());
    } else if (type instanceof ValueType.OptionalValue optional) {
      add(optional.element());
    }
    return this;
  }

  /** A fresh allocator that never hands out one of the reserved names. */
  NameAllocator allocator() {
    NameAllocator allocator = new NameAllocator();
    names.forEach(allocator::newName);
    return allocator;
  }
}
