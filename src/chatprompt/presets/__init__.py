"""One module per prompt format; every preset class (and its public constants) is
re-exported here.

Adding a preset is one module and one import line below: the ``as`` form marks the name as
re-exported, ``__all__`` is derived from these imports, ``chatprompt`` exports whatever is
here, and ``get_chat_prompt`` finds each class under the ``names`` and ``model_ids`` it
declares.
"""

from types import ModuleType as _ModuleType

from chatprompt.presets._base import TemplateChatPrompt as TemplateChatPrompt
from chatprompt.presets._base import TemplatePromptBase as TemplatePromptBase
from chatprompt.presets.chatglm3 import ChatGLM3ChatPrompt as ChatGLM3ChatPrompt
from chatprompt.presets.chatml import ChatMLChatPrompt as ChatMLChatPrompt
from chatprompt.presets.codellama import CodeLlamaInstructChatPrompt as CodeLlamaInstructChatPrompt
from chatprompt.presets.command_r import CommandRChatPrompt as CommandRChatPrompt
from chatprompt.presets.command_r7b import CommandR7BChatPrompt as CommandR7BChatPrompt
from chatprompt.presets.dbrx import DBRXChatPrompt as DBRXChatPrompt
from chatprompt.presets.deepseek_coder import DeepSeekCoderChatPrompt as DeepSeekCoderChatPrompt
from chatprompt.presets.deepseek_llm import DeepSeekLLMChatPrompt as DeepSeekLLMChatPrompt
from chatprompt.presets.deepseek_r1 import DeepSeekR1ChatPrompt as DeepSeekR1ChatPrompt
from chatprompt.presets.deepseek_r1_distill_llama import (
    DeepSeekR1DistillLlamaChatPrompt as DeepSeekR1DistillLlamaChatPrompt,
)
from chatprompt.presets.deepseek_v3 import DeepSeekV3ChatPrompt as DeepSeekV3ChatPrompt
from chatprompt.presets.dolly import DollyChatPrompt as DollyChatPrompt
from chatprompt.presets.falcon11b import Falcon11BChatPrompt as Falcon11BChatPrompt
from chatprompt.presets.falcon_instruct import FalconInstructChatPrompt as FalconInstructChatPrompt
from chatprompt.presets.gemma import GemmaChatPrompt as GemmaChatPrompt
from chatprompt.presets.gemma2 import Gemma2ChatPrompt as Gemma2ChatPrompt
from chatprompt.presets.gemma3 import Gemma3ChatPrompt as Gemma3ChatPrompt
from chatprompt.presets.gemma4 import Gemma4ChatPrompt as Gemma4ChatPrompt
from chatprompt.presets.glm46 import GLM46ChatPrompt as GLM46ChatPrompt
from chatprompt.presets.glm47_flash import GLM47FlashChatPrompt as GLM47FlashChatPrompt
from chatprompt.presets.gpt_oss import GptOssChatPrompt as GptOssChatPrompt
from chatprompt.presets.granite31 import Granite31ChatPrompt as Granite31ChatPrompt
from chatprompt.presets.granite32 import Granite32ChatPrompt as Granite32ChatPrompt
from chatprompt.presets.granite33 import Granite33ChatPrompt as Granite33ChatPrompt
from chatprompt.presets.granite40 import Granite40ChatPrompt as Granite40ChatPrompt
from chatprompt.presets.hermes3 import Hermes3ChatPrompt as Hermes3ChatPrompt
from chatprompt.presets.internlm2 import InternLM2ChatPrompt as InternLM2ChatPrompt
from chatprompt.presets.kimi_k2 import KimiK2ChatPrompt as KimiK2ChatPrompt
from chatprompt.presets.kimi_k2_thinking import KimiK2ThinkingChatPrompt as KimiK2ThinkingChatPrompt
from chatprompt.presets.line import LineChatPrompt as LineChatPrompt
from chatprompt.presets.llama2 import LLAMA2_SYSTEM_PROMPT as LLAMA2_SYSTEM_PROMPT
from chatprompt.presets.llama2 import Llama2ChatPrompt as Llama2ChatPrompt
from chatprompt.presets.llama2_official import Llama2OfficialChatPrompt as Llama2OfficialChatPrompt
from chatprompt.presets.llama3 import Llama3ChatPrompt as Llama3ChatPrompt
from chatprompt.presets.llama3_original import Llama3OriginalChatPrompt as Llama3OriginalChatPrompt
from chatprompt.presets.llama31 import Llama31ChatPrompt as Llama31ChatPrompt
from chatprompt.presets.llama32 import Llama32ChatPrompt as Llama32ChatPrompt
from chatprompt.presets.llama33 import Llama33ChatPrompt as Llama33ChatPrompt
from chatprompt.presets.matsuo_lab import MatsuoLabChatPrompt as MatsuoLabChatPrompt
from chatprompt.presets.minimax_m2 import MiniMaxM2ChatPrompt as MiniMaxM2ChatPrompt
from chatprompt.presets.ministral3_reasoning import (
    Ministral3ReasoningChatPrompt as Ministral3ReasoningChatPrompt,
)
from chatprompt.presets.mistral_nemo import MistralNemoChatPrompt as MistralNemoChatPrompt
from chatprompt.presets.mistral_small32 import MistralSmall32ChatPrompt as MistralSmall32ChatPrompt
from chatprompt.presets.mistral_v01 import MistralV01ChatPrompt as MistralV01ChatPrompt
from chatprompt.presets.mistral_v01_legacy import (
    MistralV01LegacyChatPrompt as MistralV01LegacyChatPrompt,
)
from chatprompt.presets.mistral_v02_legacy import (
    MistralV02LegacyChatPrompt as MistralV02LegacyChatPrompt,
)
from chatprompt.presets.mistral_v03 import MistralV03ChatPrompt as MistralV03ChatPrompt
from chatprompt.presets.mpt_chat import MPTChatPrompt as MPTChatPrompt
from chatprompt.presets.nemotron_nano_v2 import NemotronNanoV2ChatPrompt as NemotronNanoV2ChatPrompt
from chatprompt.presets.nous_hermes2 import NousHermes2ChatPrompt as NousHermes2ChatPrompt
from chatprompt.presets.open_calm import OpenCalmChatPrompt as OpenCalmChatPrompt
from chatprompt.presets.open_llama import OpenLlamaChatPrompt as OpenLlamaChatPrompt
from chatprompt.presets.openchat import OpenChat35ChatPrompt as OpenChat35ChatPrompt
from chatprompt.presets.phi3_medium import Phi3MediumChatPrompt as Phi3MediumChatPrompt
from chatprompt.presets.phi3_mini import Phi3MiniChatPrompt as Phi3MiniChatPrompt
from chatprompt.presets.phi3_original import Phi3OriginalChatPrompt as Phi3OriginalChatPrompt
from chatprompt.presets.phi3_small import Phi3SmallChatPrompt as Phi3SmallChatPrompt
from chatprompt.presets.phi4 import Phi4ChatPrompt as Phi4ChatPrompt
from chatprompt.presets.phi4_mini import Phi4MiniChatPrompt as Phi4MiniChatPrompt
from chatprompt.presets.phi4_reasoning import Phi4ReasoningChatPrompt as Phi4ReasoningChatPrompt
from chatprompt.presets.phi35_mini import Phi35MiniChatPrompt as Phi35MiniChatPrompt
from chatprompt.presets.qwen2 import Qwen2ChatPrompt as Qwen2ChatPrompt
from chatprompt.presets.qwen3 import Qwen3ChatPrompt as Qwen3ChatPrompt
from chatprompt.presets.qwen3_5 import Qwen35ChatPrompt as Qwen35ChatPrompt
from chatprompt.presets.qwen3_coder import Qwen3CoderChatPrompt as Qwen3CoderChatPrompt
from chatprompt.presets.qwen3_launch import Qwen3LaunchChatPrompt as Qwen3LaunchChatPrompt
from chatprompt.presets.qwen25 import Qwen25ChatPrompt as Qwen25ChatPrompt
from chatprompt.presets.qwq import QwQChatPrompt as QwQChatPrompt
from chatprompt.presets.redpajama import RedPajamaChatPrompt as RedPajamaChatPrompt
from chatprompt.presets.rinna import RinnaChatPrompt as RinnaChatPrompt
from chatprompt.presets.smollm3 import SmolLM3ChatPrompt as SmolLM3ChatPrompt
from chatprompt.presets.solar import SolarChatPrompt as SolarChatPrompt
from chatprompt.presets.stabilityai_jp import JA_INSTRUCTION_SYSTEM as JA_INSTRUCTION_SYSTEM
from chatprompt.presets.stabilityai_jp import (
    StabilityAIJapaneseChatPrompt as StabilityAIJapaneseChatPrompt,
)
from chatprompt.presets.stockmark import StockmarkChatPrompt as StockmarkChatPrompt
from chatprompt.presets.swallow import SwallowInstructChatPrompt as SwallowInstructChatPrompt
from chatprompt.presets.tinyllama import TinyLlamaChatPrompt as TinyLlamaChatPrompt
from chatprompt.presets.zephyr import ZephyrChatPrompt as ZephyrChatPrompt

# ``__all__``: every name imported above, for ``import *`` and for ``chatprompt``'s exports. It
# is set through ``globals()`` so that type checkers, which cannot evaluate it, read the exports
# from the ``as`` imports instead.
globals()["__all__"] = sorted(
    name
    for name, value in globals().items()
    if not name.startswith("_") and not isinstance(value, _ModuleType)
)
