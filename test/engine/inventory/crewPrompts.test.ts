import * as assert from 'node:assert/strict';
import { inventoryOf } from './helpers';

async function promptNames(files: Record<string, string>): Promise<string[]> {
  const bom = await inventoryOf(files);
  return bom.components.filter((component) => component.kind === 'prompt').map((component) => component.name);
}

describe('inventory: crewAI agents and tasks in code', () => {
  it('lists agents and tasks by their variable or the function returning them', async () => {
    const main = `from crewai import Agent, Task, Crew

writer = Agent(
    role="Haiku writer",
    goal="Write a haiku",
    backstory="You are really good at writing haikus.",
    allow_delegation=False,
)

write_haiku = Task(
    description="Write a haiku about buy bots.",
    expected_output="haiku",
    agent=writer,
)

crew = Crew(agents=[writer], tasks=[write_haiku])
`;
    const tasks = `from textwrap import dedent
from crewai import Task

class MarketingTasks:
    def product_analysis(self, agent, website):
        return Task(description=dedent(f"""\\
            Analyze the given product website: {website}.
            Focus on identifying unique features, benefits and the overall narrative.
            """), agent=agent)
`;
    assert.deepEqual((await promptNames({ 'main.py': main, 'tasks.py': tasks })).sort(), [
      'main.py#write_haiku',
      'main.py#writer',
      'tasks.py#product_analysis',
    ]);
  });

  it('reads no agent built from its YAML config, no other library of the same class names, and no label', async () => {
    const crew = `from crewai import Agent, Task
from crewai.project import CrewBase, agent, task

@CrewBase
class Analysis:
    @agent
    def analyst(self) -> Agent:
        return Agent(config=self.agents_config["analyst"], verbose=True)

    @task
    def analysis(self) -> Task:
        return Task(config=self.tasks_config["analysis"], expected_output="report")
`;
    const other = `from myframework import Agent
from crewai import Crew
helper = Agent(role="Helper", goal="Help the user with every request they make", backstory="You help people all day long.")
`;
    assert.deepEqual(await promptNames({ 'crew.py': crew, 'other.py': other }), []);
  });
});
