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
from chatprompt.presets.dbrx import DBRXChatPrompt as DBRXChatPrompt
from chatprompt.presets.deepseek_coder import DeepSeekCoderChatPrompt as DeepSeekCoderChatPrompt
from chatprompt.presets.deepseek_llm import DeepSeekLLMChatPrompt as DeepSeekLLMChatPrompt
from chatprompt.presets.dolly import DollyChatPrompt as DollyChatPrompt
from chatprompt.presets.falcon11b import Falcon11BChatPrompt as Falcon11BChatPrompt
from chatprompt.presets.falcon_instruct import FalconInstructChatPrompt as FalconInstructChatPrompt
from chatprompt.presets.gemma import GemmaChatPrompt as GemmaChatPrompt
from chatprompt.presets.gemma2 import Gemma2ChatPrompt as Gemma2ChatPrompt
from chatprompt.presets.internlm2 import InternLM2ChatPrompt as InternLM2ChatPrompt
from chatprompt.presets.line import LineChatPrompt as LineChatPrompt
from chatprompt.presets.llama2 import LLAMA2_SYSTEM_PROMPT as LLAMA2_SYSTEM_PROMPT
from chatprompt.presets.llama2 import Llama2ChatPrompt as Llama2ChatPrompt
from chatprompt.presets.llama2_official import Llama2OfficialChatPrompt as Llama2OfficialChatPrompt
from chatprompt.presets.llama3 import Llama3ChatPrompt as Llama3ChatPrompt
from chatprompt.presets.llama3_original import Llama3OriginalChatPrompt as Llama3OriginalChatPrompt
from chatprompt.presets.llama31 import Llama31ChatPrompt as Llama31ChatPrompt
from chatprompt.presets.llama32 import Llama32ChatPrompt as Llama32ChatPrompt
from chatprompt.presets.matsuo_lab import MatsuoLabChatPrompt as MatsuoLabChatPrompt
from chatprompt.presets.mistral_nemo import MistralNemoChatPrompt as MistralNemoChatPrompt
from chatprompt.presets.mistral_v01 import MistralV01ChatPrompt as MistralV01ChatPrompt
from chatprompt.presets.mistral_v01_legacy import (
    MistralV01LegacyChatPrompt as MistralV01LegacyChatPrompt,
)
from chatprompt.presets.mistral_v02_legacy import (
    MistralV02LegacyChatPrompt as MistralV02LegacyChatPrompt,
)
from chatprompt.presets.mistral_v03 import MistralV03ChatPrompt as MistralV03ChatPrompt
from chatprompt.presets.mpt_chat import MPTChatPrompt as MPTChatPrompt
from chatprompt.presets.nous_hermes2 import NousHermes2ChatPrompt as NousHermes2ChatPrompt
from chatprompt.presets.open_calm import OpenCalmChatPrompt as OpenCalmChatPrompt
from chatprompt.presets.open_llama import OpenLlamaChatPrompt as OpenLlamaChatPrompt
from chatprompt.presets.openchat import OpenChat35ChatPrompt as OpenChat35ChatPrompt
from chatprompt.presets.phi3_medium import Phi3MediumChatPrompt as Phi3MediumChatPrompt
from chatprompt.presets.phi3_mini import Phi3MiniChatPrompt as Phi3MiniChatPrompt
from chatprompt.presets.phi3_original import Phi3OriginalChatPrompt as Phi3OriginalChatPrompt
from chatprompt.presets.phi3_small import Phi3SmallChatPrompt as Phi3SmallChatPrompt
from chatprompt.presets.phi35_mini import Phi35MiniChatPrompt as Phi35MiniChatPrompt
from chatprompt.presets.qwen2 import Qwen2ChatPrompt as Qwen2ChatPrompt
from chatprompt.presets.qwen25 import Qwen25ChatPrompt as Qwen25ChatPrompt
from chatprompt.presets.redpajama import RedPajamaChatPrompt as RedPajamaChatPrompt
from chatprompt.presets.rinna import RinnaChatPrompt as RinnaChatPrompt
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
