@_exported import NeuroCore
