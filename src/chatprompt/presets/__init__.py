"""One module per prompt format; every preset class is re-exported here."""

from chatprompt.presets._base import TemplateChatPrompt
from chatprompt.presets.chatglm3 import ChatGLM3ChatPrompt
from chatprompt.presets.chatml import ChatMLChatPrompt
from chatprompt.presets.codellama import CodeLlamaInstructChatPrompt
from chatprompt.presets.command_r import CommandRChatPrompt
from chatprompt.presets.dbrx import DBRXChatPrompt
from chatprompt.presets.deepseek_coder import DeepSeekCoderChatPrompt
from chatprompt.presets.deepseek_llm import DeepSeekLLMChatPrompt
from chatprompt.presets.dolly import DollyChatPrompt
from chatprompt.presets.falcon11b import Falcon11BChatPrompt
from chatprompt.presets.falcon_instruct import FalconInstructChatPrompt
from chatprompt.presets.gemma import GemmaChatPrompt
from chatprompt.presets.gemma2 import Gemma2ChatPrompt
from chatprompt.presets.internlm2 import InternLM2ChatPrompt
from chatprompt.presets.line import LineChatPrompt
from chatprompt.presets.llama2 import LLAMA2_SYSTEM_PROMPT, Llama2ChatPrompt
from chatprompt.presets.llama2_official import Llama2OfficialChatPrompt
from chatprompt.presets.llama3 import Llama3ChatPrompt
from chatprompt.presets.llama3_original import Llama3OriginalChatPrompt
from chatprompt.presets.llama31 import Llama31ChatPrompt
from chatprompt.presets.llama32 import Llama32ChatPrompt
from chatprompt.presets.matsuo_lab import MatsuoLabChatPrompt
from chatprompt.presets.mistral_nemo import MistralNemoChatPrompt
from chatprompt.presets.mistral_v01 import MistralV01ChatPrompt
from chatprompt.presets.mistral_v01_legacy import MistralV01LegacyChatPrompt
from chatprompt.presets.mistral_v02_legacy import MistralV02LegacyChatPrompt
from chatprompt.presets.mistral_v03 import MistralV03ChatPrompt
from chatprompt.presets.mpt_chat import MPTChatPrompt
from chatprompt.presets.nous_hermes2 import NousHermes2ChatPrompt
from chatprompt.presets.open_calm import OpenCalmChatPrompt
from chatprompt.presets.open_llama import OpenLlamaChatPrompt
from chatprompt.presets.openchat import OpenChat35ChatPrompt
from chatprompt.presets.phi3_medium import Phi3MediumChatPrompt
from chatprompt.presets.phi3_mini import Phi3MiniChatPrompt
from chatprompt.presets.phi3_original import Phi3OriginalChatPrompt
from chatprompt.presets.phi3_small import Phi3SmallChatPrompt
from chatprompt.presets.phi35_mini import Phi35MiniChatPrompt
from chatprompt.presets.qwen2 import Qwen2ChatPrompt
from chatprompt.presets.qwen25 import Qwen25ChatPrompt
from chatprompt.presets.redpajama import RedPajamaChatPrompt
from chatprompt.presets.rinna import RinnaChatPrompt
from chatprompt.presets.solar import SolarChatPrompt
from chatprompt.presets.stabilityai_jp import JA_INSTRUCTION_SYSTEM, StabilityAIJapaneseChatPrompt
from chatprompt.presets.stockmark import StockmarkChatPrompt
from chatprompt.presets.swallow import SwallowInstructChatPrompt
from chatprompt.presets.tinyllama import TinyLlamaChatPrompt
from chatprompt.presets.zephyr import ZephyrChatPrompt

__all__ = [
    "JA_INSTRUCTION_SYSTEM",
    "LLAMA2_SYSTEM_PROMPT",
    "ChatGLM3ChatPrompt",
    "ChatMLChatPrompt",
    "CodeLlamaInstructChatPrompt",
    "CommandRChatPrompt",
    "DBRXChatPrompt",
    "DeepSeekCoderChatPrompt",
    "DeepSeekLLMChatPrompt",
    "DollyChatPrompt",
    "Falcon11BChatPrompt",
    "FalconInstructChatPrompt",
    "Gemma2ChatPrompt",
    "GemmaChatPrompt",
    "InternLM2ChatPrompt",
    "LineChatPrompt",
    "Llama2ChatPrompt",
    "Llama2OfficialChatPrompt",
    "Llama3ChatPrompt",
    "Llama3OriginalChatPrompt",
    "Llama31ChatPrompt",
    "Llama32ChatPrompt",
    "MPTChatPrompt",
    "MatsuoLabChatPrompt",
    "MistralNemoChatPrompt",
    "MistralV01ChatPrompt",
    "MistralV01LegacyChatPrompt",
    "MistralV02LegacyChatPrompt",
    "MistralV03ChatPrompt",
    "NousHermes2ChatPrompt",
    "OpenCalmChatPrompt",
    "OpenChat35ChatPrompt",
    "OpenLlamaChatPrompt",
    "Phi3MediumChatPrompt",
    "Phi3MiniChatPrompt",
    "Phi3OriginalChatPrompt",
    "Phi3SmallChatPrompt",
    "Phi35MiniChatPrompt",
    "Qwen2ChatPrompt",
    "Qwen25ChatPrompt",
    "RedPajamaChatPrompt",
    "RinnaChatPrompt",
    "SolarChatPrompt",
    "StabilityAIJapaneseChatPrompt",
    "StockmarkChatPrompt",
    "SwallowInstructChatPrompt",
    "TemplateChatPrompt",
    "TinyLlamaChatPrompt",
    "ZephyrChatPrompt",
]
