package dev.kubesdk.codegen;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

class TypeCheckTest {
  @Test
  void theProcessedMiniSpecHasOnlyKnownTypes() {
    JsonObject spec = Fragments.miniSpec();
    SpecPreprocessor.process(spec);

    assertThatCode(() -> TypeCheck.check(spec)).doesNotThrowAnyException();
  }

  @Test
  void anUnknownFormatFailsNamingTheDefinitionAndProperty() {
    JsonObject spec =
        Fragments.json("{'definitions':{'V1Pod':{'type':'object','properties':{'uid':{'type':'string','format':'uuid'}}}}}");

    assertThatThrownBy(() -> TypeCheck.check(spec))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("definition V1Pod, property uid")
        .hasMessageContaining("string format uuid");
  }

  @Test
  void aFreeFormObjectPropertyFailsInsteadOfBecomingObject() {
    JsonObject spec =
        Fragments.json("{'definitions':{'V1Pod':{'type':'object','properties':{'anything':{'type':'object'}}}}}");

    assertThatThrownBy(() -> TypeCheck.check(spec))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("definition V1Pod, property anything")
        .hasMessageContaining("free-form");
  }

  @Test
  void aDanglingReferenceAndAnUntypedPropertyAreBothReported() {
    JsonObject spec =
        Fragments.json(
            "{'definitions':{'V1Pod':{'type':'object','properties':{"
                + "'spec':{'$ref':'#/definitions/V1Missing'},'status':{'description':'no type'}}}}}");

    assertThatThrownBy(() -> TypeCheck.check(spec))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("2 properties")
        .hasMessageContaining("property spec: $ref")
        .hasMessageContaining("property status: no type");
  }

  @Test
  void aDateTimeWithoutItsAdapterIsUnknown() {
    JsonObject spec =
        Fragments.json("{'definitions':{'V1Pod':{'type':'object','properties':{'at':{'type':'string','format':'date-time'}}}}}");

    assertThatThrownBy(() -> TypeCheck.check(spec)).hasMessageContaining("property at");
  }
}
