package dev.kubesdk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.kubesdk.api.model.V1ObjectMeta;
import dev.kubesdk.api.model.V1Pod;
import dev.kubesdk.runtime.Json;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bean behaviour of every generated model: setters copy the caller's lists and maps, so items can be
 * added after {@code setX(List.of(..))}, and declared properties cannot be set a second time as unknown
 * fields.
 */
class GeneratedModelBeanTest {
  private static JsonObject spec;

  @BeforeAll
  static void readProcessedSpec() throws IOException {
    spec = SampleJson.processedSpec();
  }

  private static List<Class<?>> models() throws ClassNotFoundException {
    List<Class<?>> models = new ArrayList<>();
    for (String definition : spec.getAsJsonObject("definitions").keySet()) {
      models.add(Class.forName("dev.kubesdk.api.model." + definition));
    }
    return models;
  }

  /** {@code name}{@code Item} methods ({@code addFinalizersItem}, {@code putLabelsItem}) with their setters. */
  private static List<Method[]> itemMethods(String prefix, Class<?> collection) throws ClassNotFoundException {
    List<Method[]> result = new ArrayList<>();
    for (Class<?> model : models()) {
      for (Method item : model.getMethods()) {
        String name = item.getName();
        if (name.startsWith(prefix) && name.endsWith("Item") && name.length() > prefix.length() + 4) {
          String property = name.substring(prefix.length(), name.length() - 4);
          try {
            result.add(
                new Method[] {
                  item, model.getMethod("set" + property, collection), model.getMethod("get" + property)
                });
          } catch (NoSuchMethodException e) {
            throw new AssertionError(model.getSimpleName() + "." + name + " has no set/get" + property, e);
          }
        }
      }
    }
    return result;
  }

  private static Object newModel(Method method) throws ReflectiveOperationException {
    return method.getDeclaringClass().getConstructor().newInstance();
  }

  @Test
  void everyListSetterCopiesSoItemsCanBeAddedAfterAnImmutableList() throws ReflectiveOperationException {
    List<Method[]> lists = itemMethods("add", List.class);
    assertThat(lists).hasSizeGreaterThan(200);

    for (Method[] methods : lists) {
      Object model = newModel(methods[0]);
      methods[1].invoke(model, List.of());
      methods[0].invoke(model, (Object) null);
      assertThat((List<?>) methods[2].invoke(model)).as(methods[0].toString()).hasSize(1);

      List<Object> callers = new ArrayList<>();
      methods[1].invoke(model, callers);
      callers.add(null);
      assertThat((List<?>) methods[2].invoke(model)).as(methods[1].toString()).isEmpty();
    }
  }

  @Test
  void everyMapSetterCopiesSoEntriesCanBePutAfterAnImmutableMap() throws ReflectiveOperationException {
    List<Method[]> maps = itemMethods("put", Map.class);
    assertThat(maps).hasSizeGreaterThan(50);

    for (Method[] methods : maps) {
      Object model = newModel(methods[0]);
      methods[1].invoke(model, Map.of("first", "x"));
      methods[0].invoke(model, "second", null);
      assertThat(new ArrayList<Object>(((Map<?, ?>) methods[2].invoke(model)).keySet()))
          .as(methods[0].toString())
          .containsExactly("first", "second");

      Map<String, Object> callers = new LinkedHashMap<>();
      methods[1].invoke(model, callers);
      callers.put("later", null);
      assertThat((Map<?, ?>) methods[2].invoke(model)).as(methods[1].toString()).isEmpty();
    }
  }

  @Test
  void everyDeclaredPropertyIsRefusedAsAnUnknownField() throws ReflectiveOperationException {
    int checked = 0;
    for (Map.Entry<String, JsonElement> definition : spec.getAsJsonObject("definitions").entrySet()) {
      JsonObject properties = definition.getValue().getAsJsonObject().getAsJsonObject("properties");
      if (properties == null) {
        continue;
      }
      Class<?> model = Class.forName("dev.kubesdk.api.model." + definition.getKey());
      Method put = model.getMethod("putUnknownField", String.class, JsonElement.class);
      for (String property : properties.keySet()) {
        Object instance = model.getConstructor().newInstance();
        try {
          put.invoke(instance, property, JsonNull.INSTANCE);
          throw new AssertionError(definition.getKey() + ".putUnknownField(\"" + property + "\") was accepted");
        } catch (InvocationTargetException e) {
          assertThat(e.getCause())
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith(definition.getKey() + ".putUnknownField(\"" + property + "\"): ")
              .hasMessageContaining("is a declared property")
              .hasMessageContaining("set it with set");
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(3000);
  }

  @Test
  void theRefusalNamesTheSetterAndAnUndeclaredFieldIsWrittenOnce() {
    assertThatThrownBy(() -> new V1Pod().putUnknownField("spec", new JsonObject()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "V1Pod.putUnknownField(\"spec\"): spec is a declared property, which would be written twice; set it"
                + " with setSpec(...)");

    V1Pod pod = new V1Pod().metadata(new V1ObjectMeta().name("cart")).putUnknownField("futureField", new JsonPrimitive(1));

    assertThat(Json.gson().toJson(pod)).isEqualTo("{\"metadata\":{\"name\":\"cart\"},\"futureField\":1}");
  }
}
