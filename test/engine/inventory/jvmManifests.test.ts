import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, summary } from './helpers';

describe('inventory: Maven and Gradle manifests', () => {
  it('reads pom.xml dependencies with property versions and imported BOMs; managed versions alone add nothing', async () => {
    const pom = [
      '<project xmlns="http://maven.apache.org/POM/4.0.0">',
      '  <modelVersion>4.0.0</modelVersion>',
      '  <groupId>com.contoso</groupId><artifactId>bot</artifactId><version>1.0.0</version>',
      '  <properties><langchain4j.version>0.36.2</langchain4j.version></properties>',
      '  <dependencyManagement><dependencies>',
      '    <dependency><groupId>org.springframework.ai</groupId><artifactId>spring-ai-bom</artifactId><version>1.0.0</version><type>pom</type><scope>import</scope></dependency>',
      '    <dependency><groupId>com.google.adk</groupId><artifactId>google-adk</artifactId><version>0.1.0</version></dependency>',
      '  </dependencies></dependencyManagement>',
      '  <dependencies>',
      '    <dependency>',
      '      <groupId>dev.langchain4j</groupId>',
      '      <artifactId>langchain4j-open-ai</artifactId>',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a Maven property reference, not a template.
      '      <version>${langchain4j.version}</version>',
      '    </dependency>',
      '    <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId><version>33.3.1-jre</version></dependency>',
      '    <dependency><groupId>com.openai</groupId><artifactId>openai-java</artifactId><version>0.8.0</version><scope>test</scope></dependency>',
      '  </dependencies>',
      '</project>',
    ].join('\n');
    const bom = await inventoryOf({ 'pom.xml': pom });
    assert.deepEqual(summary(bom), [
      'sdk com.openai:openai-java@0.8.0',
      'sdk dev.langchain4j:langchain4j-open-ai@0.36.2',
      'sdk org.springframework.ai:spring-ai-bom@1.0.0',
    ]);
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'org.springframework.ai:spring-ai-bom'), 'dependency-scope'), []);
    const lc4j = find(bom, 'sdk', 'dev.langchain4j:langchain4j-open-ai');
    assert.equal(lc4j.purl, 'pkg:maven/dev.langchain4j/langchain4j-open-ai@0.36.2');
    assert.equal(lc4j.occurrences[0].line, 12);
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'com.openai:openai-java'), 'dependency-scope'), ['test']);
  });

  it('reads Gradle Groovy and Kotlin DSL coordinates and platforms; interpolated versions are unknown', async () => {
    const groovy = [
      'dependencies {',
      "    implementation platform('org.springframework.ai:spring-ai-bom:1.0.0')",
      "    implementation 'org.springframework.ai:spring-ai-starter-model-openai'",
      "    implementation group: 'dev.langchain4j', name: 'langchain4j', version: '0.36.2'",
      '    implementation "com.anthropic:anthropic-java:$anthropicVersion"',
      "    // implementation 'com.openai:openai-java:0.8.0'",
      "    testImplementation 'org.junit.jupiter:junit-jupiter:5.11.3'",
      '}',
    ].join('\n');
    const kotlin = [
      'dependencies {',
      '    implementation("com.google.genai:google-genai:0.7.0")',
      '    api("io.modelcontextprotocol.sdk:mcp:0.5.0")',
      '}',
    ].join('\n');
    const bom = await inventoryOf({ 'build.gradle': groovy, 'agent/build.gradle.kts': kotlin });
    assert.deepEqual(summary(bom), [
      'sdk com.anthropic:anthropic-java',
      'sdk com.google.genai:google-genai@0.7.0',
      'sdk dev.langchain4j:langchain4j@0.36.2',
      'sdk io.modelcontextprotocol.sdk:mcp@0.5.0',
      'sdk org.springframework.ai:spring-ai-bom@1.0.0',
      'sdk org.springframework.ai:spring-ai-starter-model-openai',
    ]);
    assert.equal(find(bom, 'sdk', 'dev.langchain4j:langchain4j').occurrences[0].line, 4);
  });

  it('reads Gradle version catalogs', async () => {
    const toml = [
      '[versions]',
      'lc4j = "0.36.2"',
      '[libraries]',
      'langchain4j-ollama = { module = "dev.langchain4j:langchain4j-ollama", version.ref = "lc4j" }',
      'okhttp = "com.squareup.okhttp3:okhttp:4.12.0"',
      'djl = { group = "ai.djl", name = "api", version = "0.30.0" }',
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'gradle/libs.versions.toml': toml });
    assert.deepEqual(summary(bom), ['sdk ai.djl:api@0.30.0', 'sdk dev.langchain4j:langchain4j-ollama@0.36.2']);
  });
});
