package dev.emporium.gateway.policy.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonFieldPathTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode doc(String json) throws Exception {
    return JSON.readTree(json.replace('\'', '"'));
  }

  @Test
  void dottedPathsReachIntoNestedObjectsAndEveryArrayElement() throws Exception {
    JsonNode root = doc("{'items':[{'cost':1,'s':{'key':'a','n':1}},{'cost':2,'s':{'key':'b'}}],'cost':9}");

    assertThat(JsonFieldPath.parse("items[*].cost").remove(root)).isEqualTo(2);
    assertThat(JsonFieldPath.parse("items[*].s.key").remove(root)).isEqualTo(2);

    assertThat(root).isEqualTo(doc("{'items':[{'s':{'n':1}},{'s':{}}],'cost':9}"));
  }

  @Test
  void indexesWildcardMembersAndTopLevelArrays() throws Exception {
    JsonNode list = doc("[{'a':1,'b':2},{'a':3}]");
    assertThat(JsonFieldPath.parse("[*].a").remove(list)).isEqualTo(2);
    assertThat(list).isEqualTo(doc("[{'b':2},{}]"));

    JsonNode byId = doc("{'u1':{'secret':1,'name':'x'},'u2':{'secret':2}}");
    JsonFieldPath.parse("*.secret").remove(byId);
    assertThat(byId).isEqualTo(doc("{'u1':{'name':'x'},'u2':{}}"));

    JsonNode second = doc("{'m':[[1,2],[3,4]]}");
    JsonFieldPath.parse("m[1][0]").remove(second);
    assertThat(second).isEqualTo(doc("{'m':[[1,2],[4]]}"));
  }

  @Test
  void jsonPointersAreTakenLiterally() throws Exception {
    JsonNode root = doc("{'a/b':{'~k':1,'x':2},'list':[{'p':1},{'p':2}],'*':{'p':3}}");
    JsonFieldPath.parse("/a~1b/~0k").remove(root);
    JsonFieldPath.parse("/list/1/p").remove(root);
    JsonFieldPath.parse("/*/p").remove(root);
    assertThat(root).isEqualTo(doc("{'a/b':{'x':2},'list':[{'p':1},{}],'*':{}}"));
  }

  @Test
  void renamesKeepTheValueInTheSameObject() throws Exception {
    JsonNode root = doc("{'customer':{'email':'e','name':'n'},'lines':[{'sku':1},{'sku':2}]}");
    JsonFieldPath.parse("customer.email").rename(root, "contact");
    JsonFieldPath.parse("lines[*].sku").rename(root, "code");
    assertThat(root).isEqualTo(doc("{'customer':{'name':'n','contact':'e'},'lines':[{'code':1},{'code':2}]}"));
  }

  @Test
  void pathsThatMatchNothingChangeNothing() throws Exception {
    JsonNode root = doc("{'a':[1,2],'b':'text'}");
    assertThat(JsonFieldPath.parse("a.x").remove(root)).isZero();
    assertThat(JsonFieldPath.parse("b[*].x").remove(root)).isZero();
    assertThat(JsonFieldPath.parse("a[5]").remove(root)).isZero();
    assertThat(root).isEqualTo(doc("{'a':[1,2],'b':'text'}"));
  }

  @Test
  void malformedPathsAreRefused() {
    for (String bad : new String[] {"", "a..b", "a.", ".a", "a[x]", "a[", "a]b", "a[1]b", "/"}) {
      if (bad.equals("/")) {
        // "/" is the pointer to the member named "", which is valid.
        assertThat(JsonFieldPath.parse(bad)).isNotNull();
        continue;
      }
      assertThatThrownBy(() -> JsonFieldPath.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
