import * as fs from 'node:fs';
import { inventoryOf, summary } from './test/engine/inventory/helpers';

const C = '/tmp/ai-posture-corpus/';
(async () => {
  for (const f of [
    'NirDiamant+RAG_Techniques@b1a3fa5c1363/all_rag_techniques/local_rag_huggingface_faiss.ipynb',
    'huggingface+peft@5d602fdbff04/examples/multi_adapter_examples/Lora_Merging.ipynb',
    'huggingface+peft@5d602fdbff04/examples/multi_adapter_examples/PEFT_Multi_LoRA_Inference.ipynb',
    'huggingface+peft@5d602fdbff04/examples/multi_adapter_examples/multi_adapter_weighted_inference_diffusers.ipynb',
    'huggingface+peft@5d602fdbff04/examples/stable_diffusion/inc_flux_lora_hpu.py',
    'huggingface+smollm@a041759883ec/vision/finetuning/Smol_VLM_FT.ipynb',
  ]) {
    const bom = await inventoryOf({ [f.split('/').pop()!]: fs.readFileSync(C + f, 'utf8') });
    console.log(
      f,
      summary(bom).filter((s) => s.startsWith('model')),
    );
  }
})();
